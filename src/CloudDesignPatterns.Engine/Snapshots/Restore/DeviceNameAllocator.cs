using System;
using System.Collections.Generic;
using System.Linq;

namespace CloudDesignPatterns.Engine.Snapshots.Restore
{
    /// <summary>
    /// Pure: picks where each restored volume attaches. The original device when the target has it free, else the next
    /// free of /dev/sdf … /dev/sdp (the range AWS recommends for EBS data volumes). /dev/sdX and /dev/xvdX name the same
    /// slot (the kernel shows sd names as xvd), so both spellings count as taken.
    /// </summary>
    public static class DeviceNameAllocator
    {
        public static readonly IReadOnlyList<string> DataDevices =
            Enumerable.Range('f', 'p' - 'f' + 1).Select(c => "/dev/sd" + (char)c).ToList();

        /// <returns>One device per wanted entry (same order); null where every slot is taken.</returns>
        public static IReadOnlyList<string?> Assign(IReadOnlyList<string?> wanted, IEnumerable<string> inUse)
        {
            var taken = new HashSet<string>(inUse.Select(Slot), StringComparer.Ordinal);
            var result = new string?[wanted.Count];
            // Originals first, so a volume moved to a free slot never takes a device another volume of the set wants.
            for (var i = 0; i < wanted.Count; i++)
            {
                var device = wanted[i];
                if (device == null || taken.Contains(Slot(device))) continue;
                if (wanted.Take(i).Any(w => w != null && Slot(w) == Slot(device))) continue;
                result[i] = Normalize(device);
                taken.Add(Slot(device));
            }
            for (var i = 0; i < wanted.Count; i++)
            {
                if (result[i] != null) continue;
                var free = DataDevices.FirstOrDefault(d => !taken.Contains(Slot(d)));
                if (free == null) continue;
                result[i] = free;
                taken.Add(Slot(free));
            }
            return result;
        }

        /// <summary>"/dev/xvdf", "xvdf", "/dev/sdf" → "f" slot key "sd:f"; other names (nvme, /dev/sda1) compare as written.</summary>
        internal static string Slot(string device)
        {
            var name = device.StartsWith("/dev/", StringComparison.Ordinal) ? device.Substring(5) : device;
            if (name.StartsWith("xvd", StringComparison.Ordinal)) name = name.Substring(3);
            else if (name.StartsWith("sd", StringComparison.Ordinal)) name = name.Substring(2);
            else return name;
            // sda1 and sda are the same disk slot.
            return "sd:" + name.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
        }

        private static string Normalize(string device) => device.StartsWith("/dev/", StringComparison.Ordinal) ? device : "/dev/" + device;
    }
}
