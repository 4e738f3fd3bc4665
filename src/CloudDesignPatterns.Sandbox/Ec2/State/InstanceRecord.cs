using System;
using System.Collections.Generic;

namespace CloudDesignPatterns.Sandbox.Ec2.State
{
    internal sealed class InstanceRecord : Ec2Resource
    {
        public InstanceRecord(string id) : base(id) { }
        public override string ResourceType => "instance";

        public string ReservationId { get; set; } = "";
        public string ImageId { get; set; } = "";
        public string InstanceType { get; set; } = "t3.small";
        public string AvailabilityZone { get; set; } = "";
        public string SubnetId { get; set; } = "";
        public string VpcId { get; set; } = "";
        public string? KeyName { get; set; }
        public string? IamRoleName { get; set; }
        /// <summary>Decoded user data (what the instance sees at /latest/user-data).</summary>
        public string? UserData { get; set; }
        public bool MetadataTags { get; set; }
        /// <summary>"required" (IMDSv2 only) or "optional" (IMDSv1 too), from MetadataOptions.HttpTokens.</summary>
        public string HttpTokens { get; set; } = "required";
        /// <summary>What an OS shutdown from inside does: "stop" (AWS's default) or "terminate".</summary>
        public string ShutdownBehavior { get; set; } = "stop";
        /// <summary>"windows" for an instance of a Windows image, else null (Linux/UNIX).</summary>
        public string? Platform { get; set; }
        public DateTime LaunchTime { get; set; }
        public string RootDeviceName { get; set; } = "/dev/xvda";

        /// <summary>Stored state; a transitional state settles when <see cref="TransitionAt"/> has passed.</summary>
        public string State { get; set; } = InstanceStates.Running;
        public DateTime? TransitionAt { get; set; }
        public string StateReason { get; set; } = "";

        public List<string> SecurityGroupIds { get; } = new List<string>();
        /// <summary>Attached interfaces in device-index order; the first is primary.</summary>
        public List<string> NetworkInterfaceIds { get; } = new List<string>();

        /// <summary>Moves a transitional state to its end state once its time has come (lazy, clock driven).</summary>
        public void Settle(DateTime now)
        {
            if (TransitionAt == null || now < TransitionAt.Value) return;
            State = InstanceStates.Settled(State);
            TransitionAt = null;
        }
    }

    internal static class InstanceStates
    {
        public const string Pending = "pending", Running = "running", Stopping = "stopping", Stopped = "stopped",
            ShuttingDown = "shutting-down", Terminated = "terminated";

        public static int Code(string state) => state switch
        {
            Pending => 0, Running => 16, ShuttingDown => 32, Terminated => 48, Stopping => 64, Stopped => 80, _ => 0
        };

        public static string Settled(string state) => state switch
        {
            Pending => Running, Stopping => Stopped, ShuttingDown => Terminated, _ => state
        };
    }
}
