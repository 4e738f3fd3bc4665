using System;
using System.Runtime.CompilerServices;
using System.Collections.Generic;
using System.Text;

namespace CloudDesignPatterns.Engine.Ec2.Query
{
    /// <summary>
    /// Ids (set ids, snapshot ids) kept as UTF-8 bytes end to end in one growing array, numbered 0, 1, 2… in the order
    /// added, optionally found again by value. A rotation reads 100,000 sets: as a string each, their ids were 200,000
    /// objects that every garbage collection during the read had to copy on; here they are two arrays. A string is made
    /// again only for an id that is shown or acted on. Ids are text as EC2 returns it (well-formed UTF-16); a lone
    /// surrogate, which UTF-8 cannot carry, would come back as U+FFFD.
    /// </summary>
    internal sealed class IdTable
    {
        private byte[] bytes = new byte[16 * 1024];
        private int used;
        // Id i is bytes[ends[i - 1] .. ends[i]) (from 0 for the first).
        private int[] ends = new int[1024];
        private int count;
        // The lookup by value, only when the table is asked to find ids again: by the id's string hash, so it keeps no
        // string; the rare id whose hash an earlier, different id has taken is kept by value in the second dictionary.
        private readonly Dictionary<int, int>? byHash;
        private Dictionary<string, int>? sharedHash;

        /// <param name="findable">True builds the lookup that <see cref="IndexOf"/> uses.</param>
        public IdTable(bool findable)
        {
            if (findable) byHash = new Dictionary<int, int>();
        }

        public int Count => count;

        /// <summary>Adds an id (a new number even if it is there already) and returns its number.</summary>
        [MethodImpl(HotLoop.Optimized)]
        public int Add(string id)
        {
            var ascii = IsAscii(id);
            var length = ascii ? id.Length : Encoding.UTF8.GetByteCount(id);
            if (used + length > bytes.Length) Array.Resize(ref bytes, Math.Max(bytes.Length * 2, used + length));
            if (ascii) for (var i = 0; i < id.Length; i++) bytes[used + i] = (byte)id[i];
            else Encoding.UTF8.GetBytes(id, 0, id.Length, bytes, used);
            if (count == ends.Length) Array.Resize(ref ends, ends.Length * 2);
            used += length;
            ends[count] = used;
            var index = count++;
            if (byHash != null && IndexOf(id) < 0)
            {
                var hash = id.GetHashCode();
                if (!byHash.ContainsKey(hash)) byHash[hash] = index;
                else (sharedHash ??= new Dictionary<string, int>(StringComparer.Ordinal))[id] = index;
            }
            return index;
        }

        /// <summary>The number of <paramref name="id"/>, or -1 (only for a table made findable).</summary>
        [MethodImpl(HotLoop.Optimized)]
        public int IndexOf(string id)
        {
            if (byHash == null) throw new InvalidOperationException("This id table was not made findable.");
            if (byHash.TryGetValue(id.GetHashCode(), out var index) && Is(index, id)) return index;
            return sharedHash != null && sharedHash.TryGetValue(id, out index) ? index : -1;
        }

        public string this[int index] => Encoding.UTF8.GetString(bytes, Start(index), ends[index] - Start(index));

        /// <summary>True when id <paramref name="index"/> is <paramref name="id"/>, compared without making a string.</summary>
        [MethodImpl(HotLoop.Optimized)]
        public bool Is(int index, string id)
        {
            if (!IsAscii(id)) return Is(index, Encoding.UTF8.GetBytes(id));
            var start = Start(index);
            if (ends[index] - start != id.Length) return false;
            for (var i = 0; i < id.Length; i++)
                if (bytes[start + i] != id[i]) return false;
            return true;
        }

        /// <summary>
        /// Byte order of the UTF-8 forms: for ASCII ids (every id EC2 and this module make; a tag written by hand may hold
        /// anything) the same as string.CompareOrdinal on the strings.
        /// </summary>
        public int Compare(int a, int b)
        {
            int aStart = Start(a), aLength = ends[a] - aStart, bStart = Start(b), bLength = ends[b] - bStart;
            for (var i = 0; i < aLength && i < bLength; i++)
                if (bytes[aStart + i] != bytes[bStart + i]) return bytes[aStart + i] - bytes[bStart + i];
            return aLength - bLength;
        }

        private int Start(int index) => index == 0 ? 0 : ends[index - 1];

        private bool Is(int index, byte[] utf8)
        {
            var start = Start(index);
            if (ends[index] - start != utf8.Length) return false;
            for (var i = 0; i < utf8.Length; i++)
                if (bytes[start + i] != utf8[i]) return false;
            return true;
        }

        private static bool IsAscii(string value)
        {
            foreach (var c in value)
                if (c >= 0x80) return false;
            return true;
        }
    }
}
