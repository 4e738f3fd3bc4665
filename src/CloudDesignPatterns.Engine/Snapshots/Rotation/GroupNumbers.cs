using System.Runtime.CompilerServices;

namespace CloudDesignPatterns.Engine.Snapshots.Rotation
{
    /// <summary>
    /// Numbers the rotation groups of one region's sets (instance, policy) 0, 1, 2… in the order first seen. Its own
    /// small table rather than a Dictionary keyed on <see cref="RotationGroupKey"/>: the runtime has no ready-made code
    /// for a dictionary over that struct, so a rotation's 100,000 lookups ran on unoptimised code in a fresh process.
    /// </summary>
    internal sealed class GroupNumbers
    {
        private string[] instances = new string[64];
        private string[] policies = new string[64];
        // Open addressing: number + 1 (0 is empty), and the hash of the group in that slot.
        private int[] slots = new int[128];
        private int[] hashes = new int[128];

        public int Count { get; private set; }

        public string InstanceOf(int number) => instances[number];

        public string PolicyOf(int number) => policies[number];

        /// <summary>The number of the group (<paramref name="instance"/>, <paramref name="policy"/>), numbering it if new.</summary>
        [MethodImpl(HotPath.Optimized)]
        public int NumberOf(string instance, string policy)
        {
            var hash = unchecked(instance.GetHashCode() * 31 + policy.GetHashCode());
            var mask = slots.Length - 1;
            var slot = hash & mask;
            for (; slots[slot] != 0; slot = (slot + 1) & mask)
            {
                var number = slots[slot] - 1;
                if (hashes[slot] == hash && instances[number] == instance && policies[number] == policy) return number;
            }
            return Add(slot, hash, instance, policy);
        }

        private int Add(int slot, int hash, string instance, string policy)
        {
            var number = Count++;
            if (number == instances.Length)
            {
                System.Array.Resize(ref instances, number * 2);
                System.Array.Resize(ref policies, number * 2);
            }
            instances[number] = instance;
            policies[number] = policy;
            slots[slot] = number + 1;
            hashes[slot] = hash;
            if (Count * 2 > slots.Length) Grow();
            return number;
        }

        private void Grow()
        {
            var oldSlots = slots;
            var oldHashes = hashes;
            slots = new int[oldSlots.Length * 2];
            hashes = new int[oldSlots.Length * 2];
            var mask = slots.Length - 1;
            for (var i = 0; i < oldSlots.Length; i++)
            {
                if (oldSlots[i] == 0) continue;
                var slot = oldHashes[i] & mask;
                while (slots[slot] != 0) slot = (slot + 1) & mask;
                slots[slot] = oldSlots[i];
                hashes[slot] = oldHashes[i];
            }
        }
    }
}
