using System.Collections.Generic;

namespace CloudDesignPatterns.Engine.Snapshots
{
    /// <summary>What New-PatternSnapshot was asked to make for one instance.</summary>
    public sealed class SnapshotRequest
    {
        public string InstanceId { get; set; } = "";
        public bool Image { get; set; }
        public bool Reboot { get; set; }
        public bool ExcludeBootVolume { get; set; }
        public string Policy { get; set; } = "default";
        /// <summary>Extra tags for every resource of the set (from -Tag).</summary>
        public IReadOnlyDictionary<string, string> Tags { get; set; } = new Dictionary<string, string>();
        /// <summary>The configured DR region, carried on the set so Copy-PatternSnapshot needs no argument.</summary>
        public string? DestinationRegion { get; set; }
    }
}
