using System;
using System.Collections.Generic;
using System.Linq;
using CloudDesignPatterns.Sandbox.Contracts;

namespace CloudDesignPatterns.Tests.SandboxEc2
{
    /// <summary>Allows everything (unless told to deny an action) and records each authorization question asked.</summary>
    internal sealed class RecordingAuthorizer : IRequestAuthorizer
    {
        private readonly object _gate = new object();
        public List<AuthorizationRecord> Calls { get; } = new List<AuthorizationRecord>();
        public Func<string, string, bool>? Deny { get; set; }

        public void Authorize(string action, string resourceArn, IReadOnlyDictionary<string, IReadOnlyList<string>> conditionKeys)
        {
            lock (_gate) Calls.Add(new AuthorizationRecord(action, resourceArn, conditionKeys.ToDictionary(k => k.Key, k => k.Value.ToList())));
            if (Deny != null && Deny(action, resourceArn))
                throw new SandboxServiceException("UnauthorizedOperation", $"You are not authorized to perform this operation. ({action} on {resourceArn})");
        }
    }

    internal sealed record AuthorizationRecord(string Action, string Arn, Dictionary<string, List<string>> Keys);
}
