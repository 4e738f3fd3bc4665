using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using CloudDesignPatterns.Engine.Collections;

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
        // ASCII values by number, found through their hashes.
        private string[] values = new string[512];
        private int count;
        private readonly HashSlots lookup = new HashSlots(1024);
        private readonly Dictionary<string, string> decoded = new Dictionary<string, string>(StringComparer.Ordinal);

        public int Count => count + decoded.Count;

        [MethodImpl(HotPath.Optimized)]
        public string Get(byte[] data, int start, int length)
        {
            var utf8 = new ReadOnlySpan<byte>(data, start, length);
            var hash = Fnv1a.Basis;
            for (var i = 0; i < utf8.Length; i++)
            {
                var b = utf8[i];
                if (b >= 0x80) return Get(Encoding.UTF8.GetString(data, start, length));
                hash = Fnv1a.Add(hash, b);
            }
            for (var slot = lookup.SlotOf(hash); ; slot = lookup.Next(slot))
            {
                var entry = lookup.EntryAt(slot);
                if (entry < 0) return Add(hash, Encoding.ASCII.GetString(data, start, length));
                if (lookup.HashAt(slot) == hash && SameAscii(values[entry], utf8)) return values[entry];
            }
        }

        /// <summary>The shared instance of a value that was decoded already (one with entities, or not ASCII).</summary>
        public string Get(string value)
        {
            if (decoded.TryGetValue(value, out var existing)) return existing;
            decoded[value] = value;
            return value;
        }

        private string Add(int hash, string value)
        {
            if (count == values.Length) Array.Resize(ref values, count * 2);
            values[count] = value;
            lookup.Add(count++, hash);
            return value;
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
