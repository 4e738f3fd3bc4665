using System;
using System.Collections.Generic;

namespace CloudDesignPatterns.Model
{
    /// <summary>One request the sandbox answered (or dropped), as recorded in its call log.</summary>
    public sealed class SandboxCall
    {
        /// <summary>Increases by one per recorded call, starting at 1; use it to page with "calls after N".</summary>
        public long Sequence { get; set; }
        /// <summary>When the request arrived (UTC).</summary>
        public DateTime Time { get; set; }
        /// <summary>ec2, sts, imds or route53.</summary>
        public string Service { get; set; } = "";
        /// <summary>The API action (e.g. DescribeInstances) or, for instance metadata, the path.</summary>
        public string Action { get; set; } = "";
        /// <summary>Decoded request parameters (form fields without Action and Version).</summary>
        public IDictionary<string, string> Parameters { get; set; } = new Dictionary<string, string>();
        public string? Region { get; set; }
        public string? AccessKeyId { get; set; }
        /// <summary>ARN of the principal the access key maps to.</summary>
        public string? Principal { get; set; }
        /// <summary>"Success", the AWS error code (RequestLimitExceeded for throttling), or "Dropped".</summary>
        public string Outcome { get; set; } = "";
        /// <summary>HTTP status answered; 0 when the connection was dropped.</summary>
        public int HttpStatus { get; set; }
        public long DurationMs { get; set; }

        public override string ToString() => $"#{Sequence} {Service}:{Action} {Outcome} ({HttpStatus})";
    }
}
