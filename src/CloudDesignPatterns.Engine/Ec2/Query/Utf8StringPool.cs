using System;
using System.Runtime.CompilerServices;
using System.Collections.Generic;
using System.Text;

namespace CloudDesignPatterns.Engine.Ec2.Query
{
    /// <summary>
    /// Hands out one shared string per distinct value, looked up straight from the UTF-8 bytes of a response, so a
    /// value seen before costs no allocation at all. A rotation reads 100,000 snapshots whose 1.7 million text values
    /// hold only a few hundred thousand distinct strings; decoding each one first was most of the garbage of a read.
    /// ASCII values (every tag key, id, state and date EC2 writes) are found by a hash of their bytes (FNV-1a, computed in
    /// the same pass that checks they are ASCII) and compared byte for char; a value whose hash an earlier, different
    /// value has taken, and anything not ASCII, is decoded and shared by value. Not thread-safe: one pool per read.
    /// </summary>
    internal sealed class Utf8StringPool
    {
        private readonly Dictionary<int, string> byHash = new Dictionary<int, string>();
        private readonly Dictionary<string, string> byValue = new Dictionary<string, string>(StringComparer.Ordinal);

        public int Count => byHash.Count + byValue.Count;

        [MethodImpl(HotLoop.Optimized)]
        public string Get(byte[] data, int start, int length)
        {
            var hash = unchecked((int)2166136261);
            for (var i = start; i < start + length; i++)
            {
                if (data[i] >= 0x80) return Get(Encoding.UTF8.GetString(data, start, length));
                hash = (hash ^ data[i]) * 16777619;
            }
            if (byHash.TryGetValue(hash, out var known))
                return SameAscii(known, data, start, length) ? known : Get(Encoding.ASCII.GetString(data, start, length));
            return byHash[hash] = Encoding.ASCII.GetString(data, start, length);
        }

        /// <summary>The shared instance of a value that was decoded already (one with entities, not ASCII, or whose hash is taken).</summary>
        public string Get(string value)
        {
            if (byValue.TryGetValue(value, out var existing)) return existing;
            byValue[value] = value;
            return value;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static bool SameAscii(string value, byte[] data, int start, int length)
        {
            if (value.Length != length) return false;
            for (var i = 0; i < length; i++)
                if (value[i] != data[start + i]) return false;
            return true;
        }
    }
}
