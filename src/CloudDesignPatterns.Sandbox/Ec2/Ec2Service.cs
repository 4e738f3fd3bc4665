using System;
using System.Collections.Generic;
using System.Linq;
using CloudDesignPatterns.Sandbox.Contracts;
using CloudDesignPatterns.Sandbox.Ec2.Handlers;
using CloudDesignPatterns.Sandbox.Ec2.Protocol;
using CloudDesignPatterns.Sandbox.Ec2.State;

namespace CloudDesignPatterns.Sandbox.Ec2
{
    /// <summary>
    /// The sandbox's stateful EC2: answers EC2 Query actions with the XML the AWS SDK and CLI parse, and tells IMDS what
    /// an instance looks like. One lock guards all state; transitions (pending→running, snapshot progress) are computed
    /// lazily from the injected clock, so there are no timers.
    /// </summary>
    public sealed partial class Ec2Service : IEc2Service, IInstanceDirectory
    {
        private static readonly IReadOnlyDictionary<string, Ec2Handler> Handlers = HandlerRegistry.Build();

        private static readonly string[] AwsRegions =
        {
            "us-east-1", "us-east-2", "us-west-1", "us-west-2",
            "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-southeast-1", "ap-southeast-2", "ap-south-1",
            "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-north-1", "ca-central-1", "sa-east-1",
        };

        private readonly object _lock = new object();
        private readonly Ec2World _world;

        public Ec2Service(Ec2ServiceOptions? options = null)
        {
            _world = new Ec2World(options ?? new Ec2ServiceOptions(), AwsRegions, SandboxSeed.AccountId);
            if (_world.Options.Seed) SeedLoader.Load(_world);
            if (_world.Options.Seed) FleetSeeder.Load(_world, _world.Options.FleetSize);
        }

        /// <summary>The commercial aws-partition regions; each exists with zones &lt;region&gt;a/b/c.</summary>
        public IReadOnlyList<string> KnownRegions { get; } = Array.AsReadOnly(AwsRegions);

        /// <summary>The action names this service implements.</summary>
        public static IReadOnlyCollection<string> SupportedActions => Handlers.Keys.ToList();

        public ResponseBody Execute(Ec2Call call)
        {
            if (call == null) throw new ArgumentNullException(nameof(call));
            if (!Handlers.TryGetValue(call.Action ?? "", out var handler))
                throw new SandboxServiceException("InvalidAction", $"The action {call.Action} is not valid for this web service.");
            lock (_lock)
            {
                var ctx = new Ec2Context(_world, call);
                // Materialize inside the lock: handlers are lazy iterators that validate, authorize and mutate as they run.
                var body = handler(ctx).ToList();
                return Ec2Xml.Document(call.Action!, _world.Ids.RequestId(), body);
            }
        }

        public ImdsInstanceView? Find(string instanceId)
        {
            lock (_lock)
            {
                foreach (var region in _world.Regions)
                {
                    if (!region.Instances.TryGetValue(instanceId ?? "", out var instance)) continue;
                    instance.Settle(_world.Now);
                    return ImdsViewBuilder.Build(region, instance, _world.AccountId);
                }
                return null;
            }
        }

        public IReadOnlyList<ImdsInstanceView> InRegion(string region)
        {
            lock (_lock)
            {
                var state = _world.Regions.FirstOrDefault(r => r.Name == region);
                if (state == null) return new List<ImdsInstanceView>();
                return state.Instances.Values.OrderBy(i => i.Id, StringComparer.Ordinal)
                    .Select(i => { i.Settle(_world.Now); return ImdsViewBuilder.Build(state, i, _world.AccountId); }).ToList();
            }
        }

        /// <summary>Turns instance-metadata tags (IMDS tags/instance/) on or off, as ModifyInstanceMetadataOptions would.</summary>
        public void SetInstanceMetadataTags(string instanceId, bool enabled)
        {
            lock (_lock)
            {
                var instance = _world.Regions.Select(r => r.Instances.TryGetValue(instanceId ?? "", out var i) ? i : null)
                    .FirstOrDefault(i => i != null) ?? throw IdKind.Instance.NotFound(instanceId ?? "");
                instance.MetadataTags = enabled;
            }
        }
    }
}
