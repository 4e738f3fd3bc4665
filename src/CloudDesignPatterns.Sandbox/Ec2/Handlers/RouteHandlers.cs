using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using CloudDesignPatterns.Sandbox.Contracts;
using CloudDesignPatterns.Sandbox.Ec2.Authorization;
using CloudDesignPatterns.Sandbox.Ec2.Protocol;
using CloudDesignPatterns.Sandbox.Ec2.State;
using CloudDesignPatterns.Sandbox.Ec2.Xml;
using static CloudDesignPatterns.Sandbox.Ec2.Protocol.Ec2Xml;

namespace CloudDesignPatterns.Sandbox.Ec2.Handlers
{
    /// <summary>DescribeRouteTables, CreateRoute, ReplaceRoute, DeleteRoute (IPv4 destinations).</summary>
    internal static class RouteHandlers
    {
        private static readonly Regex Cidr = new Regex(@"^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})/(\d{1,2})$");

        public static void Register(IDictionary<string, Ec2Handler> map)
        {
            map["DescribeRouteTables"] = DescribeRouteTables;
            map["CreateRoute"] = CreateRoute;
            map["ReplaceRoute"] = ReplaceRoute;
            map["DeleteRoute"] = DeleteRoute;
        }

        private static readonly FilterSpec<RouteTableRecord> Spec = new FilterSpec<RouteTableRecord>
        {
            ["route-table-id"] = t => FilterSpec<RouteTableRecord>.One(t.Id),
            ["vpc-id"] = t => FilterSpec<RouteTableRecord>.One(t.VpcId),
            ["association.main"] = t => FilterSpec<RouteTableRecord>.One(Bool(t.Main)),
            ["association.subnet-id"] = t => t.SubnetAssociations.Values,
            ["association.route-table-association-id"] = t => t.SubnetAssociations.Keys,
            ["route.destination-cidr-block"] = t => t.Routes.Select(r => r.DestinationCidrBlock),
            ["route.instance-id"] = t => t.Routes.Select(r => r.InstanceId),
            ["route.network-interface-id"] = t => t.Routes.Select(r => r.NetworkInterfaceId),
            ["route.gateway-id"] = t => t.Routes.Select(r => r.GatewayId),
            ["route.origin"] = t => t.Routes.Select(r => r.Origin),
        };

        private static IEnumerable<object?> DescribeRouteTables(Ec2Context ctx)
        {
            ctx.SettleInstances();
            var tables = Lookup.RequestedOrAll(IdKind.RouteTable, ctx.Region.RouteTables, ctx.P.List("RouteTableId"));
            Ec2ActionPolicy.Describe(ctx.Auth);
            var (page, next) = Paging.Take(() => ctx.Filters().Apply(tables, Spec), ctx.P, max: 100);
            yield return Set("routeTableSet", page, t => FirewallRoutingXml.RouteTable(ctx.Region, t, ctx.Account));
            yield return Opt("nextToken", next);
        }

        private static IEnumerable<object?> CreateRoute(Ec2Context ctx)
        {
            var (table, destination) = Target(ctx);
            if (table.Routes.Any(r => r.DestinationCidrBlock == destination))
                throw new SandboxServiceException("RouteAlreadyExists", $"The route identified by {destination} already exists.");
            var route = ResolveTarget(ctx, table, destination);
            Ec2ActionPolicy.Route(ctx.Auth, table);
            table.Routes.Add(route);
            yield return E("return", "true");
        }

        private static IEnumerable<object?> ReplaceRoute(Ec2Context ctx)
        {
            var (table, destination) = Target(ctx);
            var existing = table.Routes.FirstOrDefault(r => r.DestinationCidrBlock == destination)
                ?? throw new SandboxServiceException("InvalidParameterValue",
                    $"There is no route defined for '{destination}' in the route table. Use CreateRoute instead.");
            if (existing.GatewayId == "local")
                throw new SandboxServiceException("InvalidParameterValue", $"Cannot replace the local route for '{destination}'.");
            var route = ResolveTarget(ctx, table, destination);
            Ec2ActionPolicy.Route(ctx.Auth, table);
            table.Routes[table.Routes.IndexOf(existing)] = route;
            yield return E("return", "true");
        }

        private static IEnumerable<object?> DeleteRoute(Ec2Context ctx)
        {
            var (table, destination) = Target(ctx);
            var existing = table.Routes.FirstOrDefault(r => r.DestinationCidrBlock == destination)
                ?? throw new SandboxServiceException("InvalidRoute.NotFound",
                    $"No route with destination-cidr-block {destination} in route table {table.Id}");
            if (existing.GatewayId == "local")
                throw new SandboxServiceException("InvalidParameterValue", $"cannot remove local route {destination} in route table {table.Id}");
            Ec2ActionPolicy.Route(ctx.Auth, table);
            table.Routes.Remove(existing);
            yield return E("return", "true");
        }

        private static (RouteTableRecord, string) Target(Ec2Context ctx)
        {
            ctx.SettleInstances();
            var table = IdKind.RouteTable.Find(ctx.Region.RouteTables, ctx.P.Required("RouteTableId"));
            var destination = ctx.P.Required("DestinationCidrBlock");
            var m = Cidr.Match(destination);
            if (!m.Success || Enumerable.Range(1, 4).Any(n => int.Parse(m.Groups[n].Value) > 255) || int.Parse(m.Groups[5].Value) > 32)
                throw new SandboxServiceException("InvalidParameterValue", $"Value ({destination}) for parameter destinationCidrBlock is invalid. This is not a valid CIDR block.");
            return (table, destination);
        }

        /// <summary>Exactly one of GatewayId, InstanceId, NetworkInterfaceId. Instance targets record their primary interface, as AWS shows.</summary>
        private static RouteRecord ResolveTarget(Ec2Context ctx, RouteTableRecord table, string destination)
        {
            var p = ctx.P;
            var given = new[] { "GatewayId", "InstanceId", "NetworkInterfaceId" }.Where(p.Has).ToList();
            if (given.Count != 1)
                throw new SandboxServiceException(given.Count == 0 ? "MissingParameter" : "InvalidParameterCombination",
                    "The request must contain exactly one of gatewayId, instanceId or networkInterfaceId");
            var route = new RouteRecord { DestinationCidrBlock = destination };
            if (p.Get("GatewayId") is string gateway)
            {
                if (!ctx.Region.InternetGateways.TryGetValue(gateway, out var igw) || igw.VpcId != table.VpcId)
                    throw new SandboxServiceException("InvalidGatewayID.NotFound", $"The gateway ID '{gateway}' does not exist");
                route.GatewayId = gateway;
            }
            else if (p.Get("InstanceId") is string instanceId)
            {
                var instance = IdKind.Instance.Find(ctx.Region.Instances, instanceId);
                if (instance.VpcId != table.VpcId)
                    throw new SandboxServiceException("InvalidParameterValue", $"Route table {table.Id} and instance {instance.Id} belong to different networks.");
                if (instance.NetworkInterfaceIds.Count != 1)
                    throw new SandboxServiceException("InvalidInstanceID", $"There are multiple interfaces attached to instance '{instance.Id}'. Please specify an interface ID for the operation instead.");
                route.InstanceId = instance.Id;
                route.NetworkInterfaceId = instance.NetworkInterfaceIds[0];
            }
            else
            {
                var eni = IdKind.NetworkInterface.Find(ctx.Region.NetworkInterfaces, p.Get("NetworkInterfaceId")!);
                if (eni.VpcId != table.VpcId)
                    throw new SandboxServiceException("InvalidParameterValue", $"Route table {table.Id} and network interface {eni.Id} belong to different networks.");
                route.NetworkInterfaceId = eni.Id;
                route.InstanceId = eni.AttachedInstanceId;
            }
            return route;
        }
    }
}
