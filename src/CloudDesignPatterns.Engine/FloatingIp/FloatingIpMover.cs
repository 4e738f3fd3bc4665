using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2.Model;
using CloudDesignPatterns.Engine.Aws;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Imds;
using CloudDesignPatterns.Model.FloatingIp;

namespace CloudDesignPatterns.Engine.FloatingIp
{
    /// <summary>The outcome of one move: the typed result, and the error to report beside it when it failed.</summary>
    public sealed class FloatingIpMoveOutcome
    {
        public FloatingIpMoveOutcome(FloatingIpMoveResult result, PatternException? error) { Result = result; Error = error; }
        public FloatingIpMoveResult Result { get; }
        public PatternException? Error { get; }
    }

    /// <summary>
    /// Executes a plan: one mutating call (AssociateAddress with AllowReassociation, or AssignPrivateIpAddresses with
    /// AllowReassignment) unless the address is already in place, then a read-back of the association, then (-Self) a
    /// bounded wait until this instance's metadata shows the address. A call whose answer was lost is judged by the read-back.
    /// </summary>
    public static class FloatingIpMover
    {
        /// <summary>How long the read-back keeps asking for the new association (EC2 is eventually consistent).</summary>
        public static readonly TimeSpan ReadBackTimeout = TimeSpan.FromSeconds(10);

        public static async Task<FloatingIpMoveOutcome> ExecuteAsync(Ec2Session ec2, FloatingIpPlan plan, ImdsClient? imds, TimeSpan metadataTimeout,
            Stopwatch started, CancellationToken cancel)
        {
            var result = NewResult(plan);
            if (plan.AlreadyCurrent)
            {
                result.Outcome = FloatingIpOutcome.AlreadyCurrent;
                result.AssociationId = plan.Current.AssociationId;
                if (plan.WaitForMetadata && imds != null) result.MetadataConfirmed = await MetadataWatcher.WaitAsync(imds, plan, metadataTimeout, ec2.Log, cancel).ConfigureAwait(false);
                result.ElapsedMs = started.ElapsedMilliseconds;
                return new FloatingIpMoveOutcome(result, null);
            }

            PatternException? callError = null;
            try { await MoveAsync(ec2, plan, cancel).ConfigureAwait(false); }
            catch (PatternException error) { callError = error; }

            // Read back even after an error: a dropped answer after the change took effect is a success, not a failure.
            var (inPlace, associationId) = await ReadBackAsync(ec2, plan, callError == null, cancel).ConfigureAwait(false);
            result.AssociationId = associationId;
            if (!inPlace)
            {
                var error = callError ?? new PatternException("FloatingIpNotVerified", PatternErrorCategory.InvalidData,
                    $"{FloatingIpPlanner.Name(plan)} was moved, but reading it back does not show it on {plan.Target.Describe()}.");
                result.Outcome = FloatingIpOutcome.Failed;
                result.Error = error.Message;
                result.ElapsedMs = started.ElapsedMilliseconds;
                return new FloatingIpMoveOutcome(result, error);
            }
            if (callError != null)
                ec2.Log.Warning($"The answer to the move was lost ({callError.ErrorId}), but the read-back shows {FloatingIpPlanner.Name(plan)} on {plan.Target.Describe()}.");
            result.Outcome = FloatingIpOutcome.Moved;
            if (plan.WaitForMetadata && imds != null) result.MetadataConfirmed = await MetadataWatcher.WaitAsync(imds, plan, metadataTimeout, ec2.Log, cancel).ConfigureAwait(false);
            result.ElapsedMs = started.ElapsedMilliseconds;
            return new FloatingIpMoveOutcome(result, null);
        }

        private static Task MoveAsync(Ec2Session ec2, FloatingIpPlan plan, CancellationToken cancel)
        {
            if (plan.Address.Kind == FloatingIpKind.ElasticIp)
                // Reassociation is the move itself: the address leaves its holder (and any Elastic IP on the target's
                // private address is replaced) in one call, so there is no moment without either node holding it.
                // Repeating it is safe, so it is retried like a read.
                return ec2.CallAsync("AssociateAddress", plan.Current.AllocationId!, true,
                    (c, ct) => c.AssociateAddressAsync(new AssociateAddressRequest
                    {
                        AllocationId = plan.Current.AllocationId,
                        NetworkInterfaceId = plan.Target.NetworkInterfaceId,
                        PrivateIpAddress = plan.TargetPrivateIp,
                        AllowReassociation = true,
                    }, ct), cancel);
            return ec2.CallAsync("AssignPrivateIpAddresses", plan.Target.NetworkInterfaceId, true,
                (c, ct) => c.AssignPrivateIpAddressesAsync(new AssignPrivateIpAddressesRequest
                {
                    NetworkInterfaceId = plan.Target.NetworkInterfaceId,
                    PrivateIpAddresses = new List<string> { plan.TargetPrivateIp },
                    AllowReassignment = true,
                }, ct), cancel);
        }

        /// <summary>Whether the address now sits on the target; polls briefly only when the call succeeded (eventual consistency).</summary>
        private static async Task<(bool InPlace, string? AssociationId)> ReadBackAsync(Ec2Session ec2, FloatingIpPlan plan, bool callSucceeded, CancellationToken cancel)
        {
            var timeout = callSucceeded ? ReadBackTimeout : TimeSpan.Zero;
            if (plan.Address.Kind == FloatingIpKind.ElasticIp)
            {
                var spec = FloatingAddressSpec.From(plan.Current.AllocationId, null, null);
                var read = await Poller.LastReadAsync(ct => FloatingIpReader.ReadAsync(ec2, spec, null, ct),
                    a => a.HolderNetworkInterfaceId == plan.Target.NetworkInterfaceId && a.PrivateIpAddress == plan.TargetPrivateIp, timeout, cancel).ConfigureAwait(false);
                return (read.HolderNetworkInterfaceId == plan.Target.NetworkInterfaceId && read.PrivateIpAddress == plan.TargetPrivateIp, read.AssociationId);
            }
            var eni = await Poller.LastReadAsync(ct => FloatingIpReader.ReadInterfaceAsync(ec2, plan.Target.NetworkInterfaceId, ct),
                e => e != null && e.PrivateIpAddresses.Contains(plan.TargetPrivateIp), timeout, cancel).ConfigureAwait(false);
            return (eni != null && eni.PrivateIpAddresses.Contains(plan.TargetPrivateIp), null);
        }

        private static FloatingIpMoveResult NewResult(FloatingIpPlan plan) => new FloatingIpMoveResult
        {
            Region = plan.Region,
            Kind = plan.Address.Kind,
            AllocationId = plan.Current.AllocationId,
            PublicIp = plan.Current.PublicIp,
            PrivateIp = plan.Address.PrivateIp,
            PrivateIpAddress = plan.Address.Kind == FloatingIpKind.ElasticIp ? plan.TargetPrivateIp : null,
            PreviousInstanceId = plan.Current.HolderInstanceId,
            PreviousNetworkInterfaceId = plan.Current.HolderNetworkInterfaceId,
            InstanceId = plan.Target.InstanceId,
            NetworkInterfaceId = plan.Target.NetworkInterfaceId,
        };
    }
}
