using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.Aws;
using CloudDesignPatterns.Engine.Completion;
using CloudDesignPatterns.Engine.Diagnostics;
using CloudDesignPatterns.Engine.Ec2;

namespace CloudDesignPatterns.Completion
{
    /// <summary>
    /// Completes resource ids from the current region (or the -Region/-ProfileName/-EndpointUrl already typed).
    /// Bounded to a few seconds; any failure simply offers nothing, as tab completion must never throw.
    /// </summary>
    public abstract class ResourceIdCompleter : IArgumentCompleter
    {
        private static readonly TimeSpan Budget = TimeSpan.FromSeconds(4);

        protected abstract CompletionKind Kind { get; }

        /// <summary>The candidates; a completer that depends on other parameters already typed overrides this.</summary>
        protected virtual Task<IReadOnlyList<ResourceCandidate>> ListAsync(Ec2Session session, IDictionary boundParameters, CancellationToken cancel)
            => ResourceLister.ListAsync(session, Kind, cancel);

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                var settings = new ConnectionSettings
                {
                    Region = CompletionHelpers.Bound(fakeBoundParameters, "Region"),
                    ProfileName = CompletionHelpers.Bound(fakeBoundParameters, "ProfileName"),
                    EndpointUrl = CompletionHelpers.Bound(fakeBoundParameters, "EndpointUrl"),
                };
                using var cts = new CancellationTokenSource(Budget);
                var candidates = Task.Run(async () =>
                {
                    var context = await new AwsContextResolver().ResolveAsync(settings, NullOperationLog.Instance, cts.Token).ConfigureAwait(false);
                    var session = new Ec2Session(context, NullOperationLog.Instance, new RetryPolicy { MaxAttempts = 1, AttemptTimeout = Budget });
                    return await ListAsync(session, fakeBoundParameters, cts.Token).ConfigureAwait(false);
                }).GetAwaiter().GetResult();
                return CompletionHelpers.Matching(candidates.Select(c => (c.Id, c.Description)), wordToComplete).ToList();
            }
            catch (Exception)
            {
                return Enumerable.Empty<CompletionResult>();
            }
        }
    }

    public sealed class InstanceIdCompleter : ResourceIdCompleter { protected override CompletionKind Kind => CompletionKind.Instance; }
    public sealed class VolumeIdCompleter : ResourceIdCompleter { protected override CompletionKind Kind => CompletionKind.Volume; }
    public sealed class SnapshotSetIdCompleter : ResourceIdCompleter { protected override CompletionKind Kind => CompletionKind.SnapshotSet; }
    public sealed class RouteTableIdCompleter : ResourceIdCompleter { protected override CompletionKind Kind => CompletionKind.RouteTable; }
    public sealed class NetworkInterfaceIdCompleter : ResourceIdCompleter { protected override CompletionKind Kind => CompletionKind.NetworkInterface; }
    public sealed class AllocationIdCompleter : ResourceIdCompleter { protected override CompletionKind Kind => CompletionKind.ElasticIp; }
    public sealed class SecurityGroupIdCompleter : ResourceIdCompleter { protected override CompletionKind Kind => CompletionKind.SecurityGroup; }

    /// <summary>
    /// Snapshot policy names in the region (managed snapshots' and images' tags, instances' Cloud DI tags) and, for
    /// the instances already typed after -InstanceId, the policy their user data names, so exactly what exists is
    /// offered and never a file name.
    /// </summary>
    public sealed class SnapshotPolicyCompleter : ResourceIdCompleter
    {
        protected override CompletionKind Kind => CompletionKind.SnapshotPolicy;

        protected override Task<IReadOnlyList<ResourceCandidate>> ListAsync(Ec2Session session, IDictionary boundParameters, CancellationToken cancel)
            => ResourceLister.ListSnapshotPoliciesAsync(session, CompletionHelpers.BoundList(boundParameters, "InstanceId"), cancel);
    }
}
