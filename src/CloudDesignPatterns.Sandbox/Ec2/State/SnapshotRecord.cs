using System;

namespace CloudDesignPatterns.Sandbox.Ec2.State
{
    internal sealed class SnapshotRecord : Ec2Resource
    {
        public SnapshotRecord(string id) : base(id) { }
        public override string ResourceType => "snapshot";

        public string VolumeId { get; set; } = "";
        public int VolumeSize { get; set; }
        public string Description { get; set; } = "";
        public string OwnerId { get; set; } = "";
        public string? OwnerAlias { get; set; }
        public DateTime StartTime { get; set; }
        /// <summary>When the snapshot reads "completed"; before that it is "pending" with a proportional progress.</summary>
        public DateTime CompletesAt { get; set; }
        public bool Encrypted { get; set; }
        public string? KmsKeyId { get; set; }

        public bool IsCompleted(DateTime now) => now >= CompletesAt;

        public string Status(DateTime now) => IsCompleted(now) ? "completed" : "pending";

        /// <summary>"0%".."99%" while pending (linear in elapsed time), "100%" when completed.</summary>
        public string Progress(DateTime now)
        {
            if (IsCompleted(now)) return "100%";
            var total = (CompletesAt - StartTime).TotalMilliseconds;
            var done = total <= 0 ? 0 : (now - StartTime).TotalMilliseconds / total;
            var pct = (int)Math.Max(0, Math.Min(99, Math.Floor(done * 100)));
            return pct + "%";
        }
    }
}
