using System.Collections.Generic;
using CloudDesignPatterns.Sandbox.Contracts;
using CloudDesignPatterns.Sandbox.Ec2.Protocol;

namespace CloudDesignPatterns.Sandbox.Ec2.Handlers
{
    /// <summary>
    /// The RunInstances settings that decide how an instance may be reached and how it ends: MetadataOptions.HttpTokens
    /// (IMDSv2) and InstanceInitiatedShutdownBehavior, validated as EC2 does and offered to IAM as its condition keys.
    /// </summary>
    internal sealed class LaunchOptions
    {
        private LaunchOptions(string httpTokens, string shutdownBehavior)
        {
            HttpTokens = httpTokens; ShutdownBehavior = shutdownBehavior;
        }

        /// <summary>"required" or "optional"; EC2's default for an image without ImdsSupport v2.0 is "optional".</summary>
        public string HttpTokens { get; }
        /// <summary>"stop" (the default) or "terminate".</summary>
        public string ShutdownBehavior { get; }

        public static LaunchOptions Read(QueryParams p)
        {
            var tokens = p.Get("MetadataOptions.HttpTokens") ?? "optional";
            if (tokens != "optional" && tokens != "required")
                throw new SandboxServiceException("InvalidParameterValue", $"Value ({tokens}) for parameter MetadataOptions.HttpTokens is invalid. Expecting 'optional' or 'required'.");
            var shutdown = p.Get("InstanceInitiatedShutdownBehavior") ?? "stop";
            if (shutdown != "stop" && shutdown != "terminate")
                throw new SandboxServiceException("InvalidParameterValue", $"Value ({shutdown}) for parameter instanceInitiatedShutdownBehavior is invalid. Expecting 'stop' or 'terminate'.");
            return new LaunchOptions(tokens, shutdown);
        }

        /// <summary>The keys the Service Authorization Reference lists for RunInstances on instance*.</summary>
        public IReadOnlyDictionary<string, IReadOnlyList<string>> ConditionKeys() => new Dictionary<string, IReadOnlyList<string>>
        {
            ["ec2:MetadataHttpTokens"] = new[] { HttpTokens },
        };
    }
}
