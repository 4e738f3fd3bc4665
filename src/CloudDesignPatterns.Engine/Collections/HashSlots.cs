using System.Runtime.CompilerServices;

namespace CloudDesignPatterns.Engine.Collections
{
    /// <summary>
    /// The slots of an open-addressing hash table whose entries are numbers kept elsewhere (an id table's ids, a group
    /// table's groups): each slot holds an entry's number + 1 (0 is empty) and its hash, and the table doubles at half
    /// full. The owner walks the slots of a hash (<see cref="SlotOf"/>, <see cref="Next"/>) and compares its entries itself.
    /// Behind the response string pool, the id table and the rotation's group numbering.
    /// </summary>
    internal sealed class HashSlots
    {
        private int[] slots;
        private int[] hashes;
        private int count;

        /// <param name="capacity">A power of two.</param>
        public HashSlots(int capacity)
        {
            slots = new int[capacity];
            hashes = new int[capacity];
        }

        /// <summary>The first slot to look at for <paramref name="hash"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int SlotOf(int hash) => hash & (slots.Length - 1);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int Next(int slot) => (slot + 1) & (slots.Length - 1);

        /// <summary>The number of the entry in <paramref name="slot"/>, or -1 when it is empty (the end of a walk).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int EntryAt(int slot) => slots[slot] - 1;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int HashAt(int slot) => hashes[slot];

        /// <summary>Puts entry <paramref name="entry"/> in the first empty slot of its hash.</summary>
        [MethodImpl(HotPath.Optimized)]
        public void Add(int entry, int hash)
        {
            if (++count * 2 > slots.Length) Grow();
            Place(slots, hashes, entry + 1, hash);
        }

        [MethodImpl(HotPath.Optimized)]
        private void Grow()
        {
            var oldSlots = slots;
            var oldHashes = hashes;
            slots = new int[oldSlots.Length * 2];
            hashes = new int[oldSlots.Length * 2];
            for (var i = 0; i < oldSlots.Length; i++)
                if (oldSlots[i] != 0) Place(slots, hashes, oldSlots[i], oldHashes[i]);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Place(int[] slots, int[] hashes, int stored, int hash)
        {
            var mask = slots.Length - 1;
            var slot = hash & mask;
            while (slots[slot] != 0) slot = (slot + 1) & mask;
            slots[slot] = stored;
            hashes[slot] = hash;
        }
    }
}
