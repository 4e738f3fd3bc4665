using System;
using System.Collections.Generic;
using CloudDesignPatterns.Sandbox.Contracts;
using CloudDesignPatterns.Sandbox.Ec2.Protocol;

namespace CloudDesignPatterns.Sandbox.Ec2.State
{
    /// <summary>All regions plus the shared id generator and options. Guarded by the service's lock.</summary>
    internal sealed class Ec2World
    {
        private readonly Dictionary<string, RegionState> _regions = new Dictionary<string, RegionState>(StringComparer.Ordinal);

        public Ec2World(Ec2ServiceOptions options, IEnumerable<string> regionNames, string accountId)
        {
            Options = options; AccountId = accountId;
            foreach (var name in regionNames) _regions[name] = new RegionState(name);
        }

        public Ec2ServiceOptions Options { get; }
        public string AccountId { get; }
        public IdGenerator Ids { get; } = new IdGenerator();
        public IEnumerable<RegionState> Regions => _regions.Values;

        public DateTime Now => Options.Clock().ToUniversalTime();

        public bool HasRegion(string name) => _regions.ContainsKey(name);

        public RegionState Region(string name) =>
            _regions.TryGetValue(name ?? "", out var r) ? r
                : throw new SandboxServiceException("InvalidParameterValue", $"Invalid region: '{name}' is not a region the sandbox knows.");
    }
}
