using System;
using System.Collections.Generic;

namespace CloudDesignPatterns.Engine.Snapshots
{
    /// <summary>What New-PatternSnapshot was given, once its parameters are bound and checked.</summary>
    public sealed class SnapshotBackupOptions
    {
        /// <summary>The instances to back up; ignored with <see cref="Self"/>.</summary>
        public IReadOnlyList<string> InstanceIds { get; set; } = Array.Empty<string>();
        /// <summary>Back up the instance the command runs on, with its settings from instance metadata.</summary>
        public bool Self { get; set; }
        /// <summary>Only the settings the user typed (Policy, Image, ExcludeBootVolume, DestinationRegion): they beat tags and user data.</summary>
        public IReadOnlyDictionary<string, object?> TypedSettings { get; set; } = new Dictionary<string, object?>();
        /// <summary>Extra tags for every resource of every set (-Tag).</summary>
        public IReadOnlyDictionary<string, string> Tags { get; set; } = new Dictionary<string, string>();
        public bool Reboot { get; set; }
        /// <summary>Output each set once it is completed rather than as soon as EC2 accepted it.</summary>
        public bool Wait { get; set; }
        public TimeSpan Timeout { get; set; } = TimeSpan.FromHours(1);
        /// <summary>How many instances are backed up at a time.</summary>
        public int ThrottleLimit { get; set; } = 16;
    }
}
