using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;

namespace CloudDesignPatterns.Engine.Ec2.Query
{
    /// <summary>
    /// Hands out one shared string per distinct value, looked up straight from the UTF-8 bytes of a response, so a
    /// value seen before costs no allocation at all. A rotation reads 100,000 snapshots whose 1.7 million text values
    /// hold only a few hundred thousand distinct strings; decoding each one first was most of the garbage of a read.
    /// ASCII values (every tag key, id, state and date EC2 writes) are matched byte for char; anything else is decoded
    /// and shared through an ordinary dictionary. Not thread-safe: one pool per read.
    /// </summary>
    internal sealed class Utf8StringPool
    {
        private string?[] slots = new string?[1024];
        private int[] hashes = new int[1024];
        private int count;
        private readonly Dictionary<string, string> decoded = new Dictionary<string, string>(StringComparer.Ordinal);

        public int Count => count + decoded.Count;

        [MethodImpl(HotPath.Optimized)]
        public string Get(byte[] data, int start, int length)
        {
            var utf8 = new ReadOnlySpan<byte>(data, start, length);
            var hash = 0;
            for (var i = 0; i < utf8.Length; i++)
            {
                var b = utf8[i];
                if (b >= 0x80) return Get(Encoding.UTF8.GetString(data, start, length));
                hash = (hash ^ b) * 16777619; // FNV-1a over the bytes, which are the chars for ASCII
            }
            var mask = slots.Length - 1;
            for (var slot = hash & mask; ; slot = (slot + 1) & mask)
            {
                var existing = slots[slot];
                if (existing == null) return Add(slot, hash, Encoding.ASCII.GetString(data, start, length));
                if (hashes[slot] == hash && SameAscii(existing, utf8)) return existing;
            }
        }

        /// <summary>The shared instance of a value that was decoded already (one with entities, or not ASCII).</summary>
        public string Get(string value)
        {
            if (decoded.TryGetValue(value, out var existing)) return existing;
            decoded[value] = value;
            return value;
        }

        private string Add(int slot, int hash, string value)
        {
            slots[slot] = value;
            hashes[slot] = hash;
            if (++count * 2 > slots.Length) Grow();
            return value;
        }

        [MethodImpl(HotPath.Optimized)]
        private void Grow()
        {
            var oldSlots = slots;
            var oldHashes = hashes;
            slots = new string?[oldSlots.Length * 2];
            hashes = new int[oldSlots.Length * 2];
            var mask = slots.Length - 1;
            for (var i = 0; i < oldSlots.Length; i++)
            {
                if (oldSlots[i] == null) continue;
                var slot = oldHashes[i] & mask;
                while (slots[slot] != null) slot = (slot + 1) & mask;
                slots[slot] = oldSlots[i];
                hashes[slot] = oldHashes[i];
            }
        }

        [MethodImpl(HotPath.Optimized)]
        private static bool SameAscii(string value, ReadOnlySpan<byte> utf8)
        {
            if (value.Length != utf8.Length) return false;
            for (var i = 0; i < utf8.Length; i++)
                if (value[i] != utf8[i]) return false;
            return true;
        }
    }
}
