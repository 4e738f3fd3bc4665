using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2.Model;
using CloudDesignPatterns.Engine.Aws;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Errors;

namespace CloudDesignPatterns.Engine.GameDay
{
    /// <summary>One instance as a drill sees it.</summary>
    public sealed class DrillInstance
    {
        public string InstanceId { get; set; } = "";
        public string State { get; set; } = "";
        public string AvailabilityZone { get; set; } = "";
        public string? NetworkInterfaceId { get; set; }
        public bool Running => State == "running";
    }

    /// <summary>
    /// The plain EC2 actions a drill injects and takes back (stop, start, terminate, a route replaced), and the
    /// describes its preflight and probes read. These are the only changes a drill makes on real AWS.
    /// </summary>
    public sealed class DrillEc2
    {
        private readonly Ec2Session ec2;

        public DrillEc2(Ec2Session session) { ec2 = session; }

        public async Task<IReadOnlyList<DrillInstance>> DescribeAsync(IReadOnlyCollection<string> instanceIds, CancellationToken cancel)
        {
            var answer = await NotFoundAsDrillError(() => ec2.CallPagesAsync("DescribeInstances", string.Join(",", instanceIds),
                (c, token, ct) => c.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = instanceIds.ToList(), NextToken = token }, ct),
                page => page.Reservations?.SelectMany(r => r.Instances ?? new List<Instance>()), page => page.NextToken, cancel)).ConfigureAwait(false);
            var found = answer.Select(ToInstance).ToArray();
            var missing = instanceIds.Where(id => found.All(i => i.InstanceId != id)).ToArray();
            if (missing.Length > 0)
                throw new PatternException("DrillResourceNotFound", PatternErrorCategory.ObjectNotFound, $"The drill names instances that do not exist in {ec2.Region}: {string.Join(", ", missing)}.");
            return found;
        }

        /// <summary>The running instances of one zone (the sandbox's AZ loss stops all of them).</summary>
        public async Task<IReadOnlyList<string>> RunningInZoneAsync(string zone, CancellationToken cancel)
        {
            var filters = new List<Filter> { new Filter("availability-zone", new List<string> { zone }), new Filter("instance-state-name", new List<string> { "running" }) };
            var answer = await ec2.CallPagesAsync("DescribeInstances", zone,
                (c, token, ct) => c.DescribeInstancesAsync(new DescribeInstancesRequest { Filters = filters, NextToken = token }, ct),
                page => page.Reservations?.SelectMany(r => r.Instances ?? new List<Instance>()), page => page.NextToken, cancel).ConfigureAwait(false);
            return answer.Select(i => i.InstanceId).ToArray();
        }

        public Task StopAsync(IReadOnlyCollection<string> ids, CancellationToken cancel)
            => ec2.CallAsync("StopInstances", string.Join(",", ids), true,
                (c, ct) => c.StopInstancesAsync(new StopInstancesRequest { InstanceIds = ids.ToList() }, ct), cancel);

        public Task StartAsync(IReadOnlyCollection<string> ids, CancellationToken cancel)
            => ec2.CallAsync("StartInstances", string.Join(",", ids), true,
                (c, ct) => c.StartInstancesAsync(new StartInstancesRequest { InstanceIds = ids.ToList() }, ct), cancel);

        public Task TerminateAsync(IReadOnlyCollection<string> ids, CancellationToken cancel)
            => ec2.CallAsync("TerminateInstances", string.Join(",", ids), true,
                (c, ct) => c.TerminateInstancesAsync(new TerminateInstancesRequest { InstanceIds = ids.ToList() }, ct), cancel);

        /// <summary>Polls until every instance is in <paramref name="state"/> (a put-back is verified, not assumed; a stopping
        /// instance cannot be started until it has stopped).</summary>
        public async Task WaitStateAsync(IReadOnlyCollection<string> ids, string state, TimeSpan limit, CancellationToken cancel)
        {
            var last = await Poller.LastReadAsync(ct => DescribeAsync(ids, ct), all => all.All(i => i.State == state), limit, cancel,
                TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), 1.5).ConfigureAwait(false);
            var behind = last.Where(i => i.State != state).ToArray();
            if (behind.Length > 0)
                throw new PatternException("DrillPutBackNotVerified", PatternErrorCategory.OperationTimeout,
                    $"{string.Join(", ", behind.Select(i => $"{i.InstanceId} ({i.State})"))} did not reach {state} within {limit.TotalSeconds:0} s.");
        }

        /// <summary>Where each table's route for a destination points (interface id, or null without an interface target).</summary>
        public async Task<IReadOnlyDictionary<string, string?>> RouteTargetsAsync(IReadOnlyList<string> tableIds, string destination, CancellationToken cancel)
        {
            var tables = await NotFoundAsDrillError(() => ec2.CallPagesAsync("DescribeRouteTables", string.Join(",", tableIds),
                (c, token, ct) => c.DescribeRouteTablesAsync(new DescribeRouteTablesRequest { RouteTableIds = tableIds.ToList(), NextToken = token }, ct),
                page => page.RouteTables, page => page.NextToken, cancel)).ConfigureAwait(false);
            var missing = tableIds.Where(id => tables.All(t => t.RouteTableId != id)).ToArray();
            if (missing.Length > 0)
                throw new PatternException("DrillResourceNotFound", PatternErrorCategory.ObjectNotFound, $"The drill names route tables that do not exist in {ec2.Region}: {string.Join(", ", missing)}.");
            return tables.ToDictionary(t => t.RouteTableId,
                t => (t.Routes ?? new List<Route>()).FirstOrDefault(r => r.DestinationCidrBlock == destination)?.NetworkInterfaceId);
        }

        public Task ReplaceRouteAsync(string tableId, string destination, string networkInterfaceId, CancellationToken cancel)
            => ec2.CallAsync("ReplaceRoute", tableId, true, (c, ct) => c.ReplaceRouteAsync(new ReplaceRouteRequest
            {
                RouteTableId = tableId, DestinationCidrBlock = destination, NetworkInterfaceId = networkInterfaceId,
            }, ct), cancel);

        /// <summary>EC2 refuses a describe naming an id it does not know; for a drill that is a declaration naming a missing resource.</summary>
        private static async Task<T> NotFoundAsDrillError<T>(Func<Task<T>> describe)
        {
            try { return await describe().ConfigureAwait(false); }
            catch (PatternException missing) when (missing.AwsErrorCode?.EndsWith(".NotFound", StringComparison.Ordinal) == true
                                                    || missing.AwsErrorCode?.EndsWith(".Malformed", StringComparison.Ordinal) == true)
            {
                throw new PatternException("DrillResourceNotFound", PatternErrorCategory.ObjectNotFound,
                    $"The drill names a resource that does not exist: {missing.Message}", missing.AwsErrorCode, inner: missing);
            }
        }

        private static DrillInstance ToInstance(Instance i) => new DrillInstance
        {
            InstanceId = i.InstanceId,
            State = i.State?.Name?.Value ?? "",
            AvailabilityZone = i.Placement?.AvailabilityZone ?? "",
            NetworkInterfaceId = (i.NetworkInterfaces ?? new List<InstanceNetworkInterface>()).OrderBy(n => n.Attachment?.DeviceIndex ?? int.MaxValue).FirstOrDefault()?.NetworkInterfaceId,
        };
    }
}
