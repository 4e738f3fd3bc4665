using System;
using System.Collections.Generic;

namespace CloudDesignPatterns.Engine.Snapshots.Backup
{
    /// <summary>What New-PatternSnapshot was given, once its parameters are bound and checked.</summary>
    public sealed class SnapshotBackupOptions
    {
        /// <summary>Ignored with <see cref="Self"/>, which backs up the instance the command runs on.</summary>
        public IReadOnlyList<string> InstanceIds { get; set; } = Array.Empty<string>();
        public bool Self { get; set; }
        /// <summary>Only the settings the user typed (Policy, Image, ExcludeBootVolume, DestinationRegion): they beat tags and user data.</summary>
        public IReadOnlyDictionary<string, object?> TypedSettings { get; set; } = new Dictionary<string, object?>();
        /// <summary>Extra tags for every resource of every set (-Tag).</summary>
        public IReadOnlyDictionary<string, string> Tags { get; set; } = new Dictionary<string, string>();
        public bool Reboot { get; set; }
        /// <summary>Hand each set on once it is completed rather than as soon as EC2 accepted it.</summary>
        public bool Wait { get; set; }
        public TimeSpan Timeout { get; set; } = TimeSpan.FromHours(1);
        public int ThrottleLimit { get; set; } = 16;
    }
}
