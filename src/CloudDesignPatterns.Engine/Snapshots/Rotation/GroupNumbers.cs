using System.Runtime.CompilerServices;
using CloudDesignPatterns.Engine.Collections;

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
        private readonly HashSlots lookup = new HashSlots(128);

        public int Count { get; private set; }

        public string InstanceOf(int number) => instances[number];

        public string PolicyOf(int number) => policies[number];

        /// <summary>The number of the group (<paramref name="instance"/>, <paramref name="policy"/>), numbering it if new.</summary>
        [MethodImpl(HotPath.Optimized)]
        public int NumberOf(string instance, string policy)
        {
            var hash = unchecked(instance.GetHashCode() * 31 + policy.GetHashCode());
            for (var slot = lookup.SlotOf(hash); ; slot = lookup.Next(slot))
            {
                var number = lookup.EntryAt(slot);
                if (number < 0) return Add(hash, instance, policy);
                if (lookup.HashAt(slot) == hash && instances[number] == instance && policies[number] == policy) return number;
            }
        }

        private int Add(int hash, string instance, string policy)
        {
            var number = Count++;
            if (number == instances.Length)
            {
                System.Array.Resize(ref instances, number * 2);
                System.Array.Resize(ref policies, number * 2);
            }
            instances[number] = instance;
            policies[number] = policy;
            lookup.Add(number, hash);
            return number;
        }
    }
}
