using System;
using System.IO;
using System.Runtime.InteropServices;

namespace CloudDesignPatterns.Engine.Imds
{
    /// <summary>
    /// Decides, without any network call, whether this machine can be an EC2 instance. Off EC2 the link-local
    /// metadata address often black-holes packets, so probing it would cost the whole timeout on every run.
    /// </summary>
    public static class Ec2HostDetector
    {
        private static readonly Lazy<bool> Cached = new Lazy<bool>(Detect);

        public static bool MightBeEc2 => Cached.Value;

        private static bool Detect()
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
                return true; // Windows and macOS expose no cheap hint; the short metadata budget bounds the cost there.
            // Nitro instances put the instance id in the board asset tag and "Amazon EC2" in the vendor; Xen ones an "ec2" UUID.
            return StartsWith("/sys/devices/virtual/dmi/id/board_asset_tag", "i-")
                || Contains("/sys/devices/virtual/dmi/id/sys_vendor", "Amazon")
                || Contains("/sys/devices/virtual/dmi/id/bios_vendor", "Amazon")
                || StartsWith("/sys/hypervisor/uuid", "ec2");
        }

        private static bool StartsWith(string path, string prefix) => Read(path).StartsWith(prefix, StringComparison.OrdinalIgnoreCase);
        private static bool Contains(string path, string text) => Read(path).IndexOf(text, StringComparison.OrdinalIgnoreCase) >= 0;

        private static string Read(string path)
        {
            try { return File.Exists(path) ? File.ReadAllText(path).Trim() : string.Empty; }
            catch (IOException) { return string.Empty; }
            catch (UnauthorizedAccessException) { return string.Empty; }
        }
    }
}
