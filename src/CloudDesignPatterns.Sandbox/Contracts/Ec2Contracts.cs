using System;
using System.Collections.Generic;

namespace CloudDesignPatterns.Sandbox.Contracts
{
    /// <summary>An EC2 Query call after the server has authenticated it and picked the region from the SigV4 scope.</summary>
    public sealed class Ec2Call
    {
        public Ec2Call(string action, IReadOnlyDictionary<string, string> parameters, string region, CallerIdentity caller, IRequestAuthorizer authorizer)
        {
            Action = action; Parameters = parameters; Region = region; Caller = caller; Authorizer = authorizer;
        }

        public string Action { get; }
        /// <summary>Decoded form fields, e.g. "InstanceId.1" → "i-…", "Filter.1.Name" → "tag:Role". Excludes Action and Version.</summary>
        public IReadOnlyDictionary<string, string> Parameters { get; }
        public string Region { get; }
        public CallerIdentity Caller { get; }
        public IRequestAuthorizer Authorizer { get; }
    }

    /// <summary>Who made a call: the access key and the principal it maps to.</summary>
    public sealed class CallerIdentity
    {
        public CallerIdentity(string accessKeyId, string arn, string account, string userId)
        {
            AccessKeyId = accessKeyId; Arn = arn; Account = account; UserId = userId;
        }
        public string AccessKeyId { get; }
        public string Arn { get; }
        public string Account { get; }
        public string UserId { get; }
    }

    /// <summary>
    /// Asks IAM whether the caller may do <paramref name="action"/> (e.g. "ec2:CreateSnapshots") on one resource ARN
    /// ("*" for actions without resource types), with the condition keys that apply to that resource
    /// (e.g. "aws:ResourceTag/cdp:managed-by", "aws:RequestTag/Name", "aws:TagKeys", "ec2:CreateAction").
    /// Throws <see cref="SandboxServiceException"/> with UnauthorizedOperation when denied.
    /// </summary>
    public interface IRequestAuthorizer
    {
        void Authorize(string action, string resourceArn, IReadOnlyDictionary<string, IReadOnlyList<string>> conditionKeys);
    }

    /// <summary>An AWS error answer: the code (e.g. InvalidInstanceID.NotFound), message and HTTP status.</summary>
    public sealed class SandboxServiceException : Exception
    {
        public SandboxServiceException(string code, string message, int httpStatus = 400) : base(message)
        {
            Code = code; HttpStatus = httpStatus;
        }
        public string Code { get; }
        public int HttpStatus { get; }
    }

    /// <summary>Executes EC2 actions against the sandbox's state. Implemented in Ec2/.</summary>
    public interface IEc2Service
    {
        /// <summary>Returns the full response XML body (root &lt;ActionResponse xmlns=...&gt;). Throws SandboxServiceException on an AWS error.</summary>
        /// <returns>
        /// The response document, UTF-8 encoded (a describe page can be a megabyte: no string round trip), possibly in a
        /// rented buffer: dispose it once written.
        /// </returns>
        ResponseBody Execute(Ec2Call call);
    }

    /// <summary>What instance metadata serves for one instance. Implemented in Ec2/ from its state.</summary>
    public sealed class ImdsInstanceView
    {
        public string InstanceId { get; set; } = "";
        public string Region { get; set; } = "";
        public string AvailabilityZone { get; set; } = "";
        public string AccountId { get; set; } = "";
        public string InstanceType { get; set; } = "";
        public string ImageId { get; set; } = "";
        public string PrivateIpAddress { get; set; } = "";
        public string? PublicIpAddress { get; set; }
        public string LocalHostname { get; set; } = "";
        public string? IamRoleName { get; set; }
        public string? UserData { get; set; }
        public bool InstanceMetadataTags { get; set; }
        public IReadOnlyDictionary<string, string> Tags { get; set; } = new Dictionary<string, string>();
        /// <summary>In device-index order; the first is the primary interface.</summary>
        public IReadOnlyList<ImdsInterfaceView> Interfaces { get; set; } = new List<ImdsInterfaceView>();
    }

    public sealed class ImdsInterfaceView
    {
        public string Mac { get; set; } = "";
        public string InterfaceId { get; set; } = "";
        public int DeviceIndex { get; set; }
        public string VpcId { get; set; } = "";
        public string SubnetId { get; set; } = "";
        public string VpcCidrBlock { get; set; } = "";
        public string SubnetCidrBlock { get; set; } = "";
        public IReadOnlyList<string> PrivateIpAddresses { get; set; } = new List<string>();
        public IReadOnlyList<string> SecurityGroupIds { get; set; } = new List<string>();
        /// <summary>Elastic IPs on this interface: public address → the private address it maps to.</summary>
        public IReadOnlyDictionary<string, string> PublicIpv4Associations { get; set; } = new Dictionary<string, string>();
    }

    /// <summary>Lookups the IMDS and control endpoints need from EC2 state.</summary>
    public interface IInstanceDirectory
    {
        /// <summary>Null when there is no such instance in any region.</summary>
        ImdsInstanceView? Find(string instanceId);

        /// <summary>Every instance of a region, in id order (State Manager resolves its tag targets from these).</summary>
        IReadOnlyList<ImdsInstanceView> InRegion(string region);
    }
}
