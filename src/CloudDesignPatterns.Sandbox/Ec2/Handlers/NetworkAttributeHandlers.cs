using System;
using System.Collections.Generic;
using System.Linq;
using CloudDesignPatterns.Sandbox.Contracts;
using CloudDesignPatterns.Sandbox.Ec2.Authorization;
using CloudDesignPatterns.Sandbox.Ec2.Protocol;
using CloudDesignPatterns.Sandbox.Ec2.State;
using CloudDesignPatterns.Sandbox.Ec2.Xml;
using static CloudDesignPatterns.Sandbox.Ec2.Protocol.Ec2Xml;

namespace CloudDesignPatterns.Sandbox.Ec2.Handlers
{
    /// <summary>
    /// Interface attributes (ModifyNetworkInterfaceAttribute, DescribeNetworkInterfaceAttribute: source/dest check,
    /// description, security groups) and extra VPC CIDR blocks (AssociateVpcCidrBlock), which routing-based HA needs:
    /// a node that forwards a virtual IP must have source/dest check off, and the virtual IP must lie outside every
    /// block of the VPC.
    /// </summary>
    internal static class NetworkAttributeHandlers
    {
        public static void Register(IDictionary<string, Ec2Handler> map)
        {
            map["ModifyNetworkInterfaceAttribute"] = ModifyNetworkInterfaceAttribute;
            map["DescribeNetworkInterfaceAttribute"] = DescribeNetworkInterfaceAttribute;
            map["AssociateVpcCidrBlock"] = AssociateVpcCidrBlock;
        }

        private static IEnumerable<object?> ModifyNetworkInterfaceAttribute(Ec2Context ctx)
        {
            var p = ctx.P;
            var eni = IdKind.NetworkInterface.Find(ctx.Region.NetworkInterfaces, p.Required("NetworkInterfaceId"));
            var sourceDestCheck = p.Get("SourceDestCheck.Value");
            var description = p.Get("Description.Value");
            var groups = p.List("SecurityGroupId").Distinct().Select(id => IdKind.SecurityGroup.Find(ctx.Region.SecurityGroups, id)).ToList();
            var given = (sourceDestCheck != null ? 1 : 0) + (description != null ? 1 : 0) + (groups.Count > 0 ? 1 : 0);
            // AWS changes one attribute per call.
            if (given == 0) throw new SandboxServiceException("MissingParameter", "The request must contain one of the parameters sourceDestCheck, description, groupSet or attachment.");
            if (given > 1) throw new SandboxServiceException("InvalidParameterCombination", "Only one attribute can be modified at a time.");
            if (sourceDestCheck != null && !bool.TryParse(sourceDestCheck, out _))
                throw new SandboxServiceException("InvalidParameterValue", $"Value ({sourceDestCheck}) for parameter sourceDestCheck is invalid. Expected: 'true' or 'false'.");
            if (groups.Any(g => g.VpcId != eni.VpcId))
                throw new SandboxServiceException("InvalidParameterValue", "You have specified two resources that belong to different networks.");
            SecurityGroupLimits.CheckGroups(groups.Count);
            Ec2ActionPolicy.NetworkInterfaceGroups(ctx.Auth, eni, groups);

            if (sourceDestCheck != null) eni.SourceDestCheck = bool.Parse(sourceDestCheck);
            if (description != null) eni.Description = description;
            if (groups.Count > 0) SetGroups(ctx.Region, eni, groups.Select(g => g.Id));
            yield return E("return", "true");
        }

        private static void SetGroups(RegionState region, NetworkInterfaceRecord eni, IEnumerable<string> groupIds)
        {
            eni.SecurityGroupIds.Clear();
            eni.SecurityGroupIds.AddRange(groupIds);
            // The primary interface's groups are also the instance's groups in DescribeInstances.
            if (eni.AttachedInstanceId != null && eni.DeviceIndex == 0 && region.Instances.TryGetValue(eni.AttachedInstanceId, out var instance))
            {
                instance.SecurityGroupIds.Clear();
                instance.SecurityGroupIds.AddRange(eni.SecurityGroupIds);
            }
        }

        private static IEnumerable<object?> DescribeNetworkInterfaceAttribute(Ec2Context ctx)
        {
            var eni = IdKind.NetworkInterface.Find(ctx.Region.NetworkInterfaces, ctx.P.Required("NetworkInterfaceId"));
            var attribute = ctx.P.Required("Attribute");
            object answer = attribute switch
            {
                "sourceDestCheck" => E("sourceDestCheck", E("value", Bool(eni.SourceDestCheck))),
                "description" => E("description", E("value", eni.Description)),
                "groupSet" => Set("groupSet", InstanceXml.Groups(ctx.Region, eni.SecurityGroupIds), g => g),
                "attachment" => eni.AttachedInstanceId == null ? E("attachment") : E("attachment", E("attachmentId", eni.AttachmentId),
                    E("instanceId", eni.AttachedInstanceId), E("instanceOwnerId", ctx.Account), E("deviceIndex", Int(eni.DeviceIndex)),
                    E("status", "attached"), E("deleteOnTermination", Bool(eni.DeviceIndex == 0))),
                _ => throw new SandboxServiceException("InvalidParameterValue", $"Value ({attribute}) for parameter attribute is invalid. Unknown attribute."),
            };
            Ec2ActionPolicy.Describe(ctx.Auth);
            yield return E("networkInterfaceId", eni.Id);
            yield return answer;
        }

        private static IEnumerable<object?> AssociateVpcCidrBlock(Ec2Context ctx)
        {
            var vpc = IdKind.Vpc.Find(ctx.Region.Vpcs, ctx.P.Required("VpcId"));
            var block = ctx.P.Get("CidrBlock") ?? throw new SandboxServiceException("MissingParameter", "The request must contain the parameter cidrBlock");
            Cidrs.Require(block, "cidrBlock");
            var prefix = Cidrs.Prefix(block);
            if (prefix < 16 || prefix > 28)
                throw new SandboxServiceException("InvalidVpc.Range", $"The CIDR '{block}' is invalid.");
            if (vpc.AllCidrBlocks.Any(existing => Cidrs.Overlap(existing, block)))
                throw new SandboxServiceException("CidrConflict", $"The CIDR '{block}' conflicts with another subnet or CIDR block of {vpc.Id}.");
            Ec2ActionPolicy.Vpc(ctx.Auth, vpc);
            var associationId = ctx.Ids.New("vpc-cidr-assoc");
            vpc.SecondaryCidrBlocks[associationId] = block;
            // AWS adds a local route for the new block to every route table of the VPC.
            foreach (var table in ctx.Region.RouteTables.Values.Where(t => t.VpcId == vpc.Id))
                table.Routes.Insert(0, new RouteRecord { DestinationCidrBlock = block, GatewayId = "local", Origin = "CreateRouteTable" });
            yield return E("cidrBlockAssociation", NetworkXml.CidrAssociation(associationId, block));
            yield return E("vpcId", vpc.Id);
        }
    }
}
