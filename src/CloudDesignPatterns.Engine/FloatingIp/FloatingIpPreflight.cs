using System;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Model.FloatingIp;

namespace CloudDesignPatterns.Engine.FloatingIp
{
    /// <summary>
    /// The read-only round before a move: the address and the target interface are described concurrently (one round
    /// trip), then the plan is made. A private IP that nobody holds needs one more read (its subnet's block), and one
    /// found only in another VPC than the target's is read again within the target's VPC.
    /// </summary>
    public static class FloatingIpPreflight
    {
        public static async Task<FloatingIpPlan> PlanAsync(Ec2Session ec2, FloatingIpRequest request, CancellationToken cancel)
        {
            var target = request.Target ?? throw new ArgumentException("A move needs a target.", nameof(request));
            var currentTask = FloatingIpReader.ReadAsync(ec2, request.Address, request.VpcId, cancel);
            var targetTask = FloatingIpReader.ReadTargetAsync(ec2, target, cancel);
            try { await Task.WhenAll(currentTask, targetTask).ConfigureAwait(false); }
            catch (Exception) { /* the target's failure says most: reported first below */ }
            var targetFacts = await targetTask.ConfigureAwait(false);
            FloatingIpAddress current;
            try { current = await currentTask.ConfigureAwait(false); }
            catch (PatternException ambiguous) when (ambiguous.ErrorId == "AmbiguousPrivateIp")
            {
                current = await FloatingIpReader.ReadAsync(ec2, request.Address, targetFacts.VpcId, cancel).ConfigureAwait(false);
            }
            if (current.Kind == FloatingIpKind.SecondaryPrivateIp && current.VpcId != null && current.VpcId != targetFacts.VpcId)
                current = await FloatingIpReader.ReadAsync(ec2, request.Address, targetFacts.VpcId, cancel).ConfigureAwait(false);
            string? cidr = null;
            if (current.Kind == FloatingIpKind.SecondaryPrivateIp && current.HolderNetworkInterfaceId == null)
                cidr = await FloatingIpReader.ReadSubnetCidrAsync(ec2, targetFacts.SubnetId, cancel).ConfigureAwait(false);
            return FloatingIpPlanner.Plan(ec2.Region, request.Address, current, targetFacts, target, cidr);
        }
    }
}
