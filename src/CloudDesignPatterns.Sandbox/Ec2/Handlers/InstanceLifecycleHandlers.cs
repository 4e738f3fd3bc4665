using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CloudDesignPatterns.Sandbox.Contracts;
using CloudDesignPatterns.Sandbox.Ec2.Authorization;
using CloudDesignPatterns.Sandbox.Ec2.Protocol;
using CloudDesignPatterns.Sandbox.Ec2.State;
using CloudDesignPatterns.Sandbox.Ec2.Xml;
using static CloudDesignPatterns.Sandbox.Ec2.Protocol.Ec2Xml;

namespace CloudDesignPatterns.Sandbox.Ec2.Handlers
{
    /// <summary>StartInstances, StopInstances, TerminateInstances and ModifyInstanceAttribute.</summary>
    internal static class InstanceLifecycleHandlers
    {
        public static void Register(IDictionary<string, Ec2Handler> map)
        {
            map["StartInstances"] = c => Transition(c, Start);
            map["StopInstances"] = c => Transition(c, Stop);
            map["TerminateInstances"] = c => Transition(c, Terminate);
            map["ModifyInstanceAttribute"] = ModifyInstanceAttribute;
            map["RunInstances"] = RunInstancesHandler.Run;
        }

        /// <summary>Validates every id and every state first, authorizes, then applies: all or nothing.</summary>
        private static IEnumerable<object?> Transition(Ec2Context ctx, Func<Ec2Context, InstanceRecord, string?> next)
        {
            ctx.SettleInstances();
            var instances = Lookup.All(IdKind.Instance, ctx.Region.Instances, RequireIds(ctx));
            var targets = instances.Select(i => (i, state: next(ctx, i))).ToList();
            Ec2ActionPolicy.Instances(ctx.Auth, instances);
            var changes = new List<object?[]>();
            foreach (var (i, state) in targets)
            {
                var previous = i.State;
                if (state != null && state != previous)
                {
                    i.State = state;
                    i.TransitionAt = ctx.Now + ctx.Options.InstanceTransitionDelay;
                    if (state == InstanceStates.Stopping || state == InstanceStates.ShuttingDown)
                        i.StateReason = "User initiated (" + ctx.Now.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " GMT)";
                    else i.StateReason = "";
                    if (state == InstanceStates.ShuttingDown) ReleaseResources(ctx.Region, i);
                }
                changes.Add(InstanceXml.StateChange(i.Id, previous, i.State));
            }
            yield return Set("instancesSet", changes, c => c);
        }

        private static IReadOnlyList<string> RequireIds(Ec2Context ctx)
        {
            var ids = ctx.P.List("InstanceId");
            if (ids.Count == 0) throw new SandboxServiceException("MissingParameter", "The request must contain the parameter InstanceId");
            return ids;
        }

        private static string? Start(Ec2Context ctx, InstanceRecord i) => i.State switch
        {
            InstanceStates.Stopped => InstanceStates.Pending,
            InstanceStates.Running or InstanceStates.Pending => null,
            _ => throw Incorrect(i, "started"),
        };

        private static string? Stop(Ec2Context ctx, InstanceRecord i) => i.State switch
        {
            InstanceStates.Running or InstanceStates.Pending => InstanceStates.Stopping,
            InstanceStates.Stopped or InstanceStates.Stopping => null,
            _ => throw Incorrect(i, "stopped"),
        };

        private static string? Terminate(Ec2Context ctx, InstanceRecord i) =>
            i.State == InstanceStates.Terminated || i.State == InstanceStates.ShuttingDown ? null : InstanceStates.ShuttingDown;

        private static SandboxServiceException Incorrect(InstanceRecord i, string verb) =>
            new SandboxServiceException("IncorrectInstanceState", $"The instance '{i.Id}' is not in a state from which it can be {verb}.");

        /// <summary>Termination: delete-on-termination volumes go, others detach; addresses and interfaces are released.</summary>
        private static void ReleaseResources(RegionState r, InstanceRecord i)
        {
            foreach (var v in r.VolumesOf(i.Id).ToList())
            {
                if (v.Attachment!.DeleteOnTermination) r.Volumes.Remove(v.Id);
                else v.Attachment = null;
            }
            foreach (var eniId in i.NetworkInterfaceIds)
            {
                foreach (var a in r.Addresses.Values.Where(a => a.NetworkInterfaceId == eniId))
                {
                    a.AssociationId = null; a.InstanceId = null; a.NetworkInterfaceId = null; a.PrivateIpAddress = null;
                }
                r.NetworkInterfaces.Remove(eniId);
            }
        }

        private static IEnumerable<object?> ModifyInstanceAttribute(Ec2Context ctx)
        {
            ctx.SettleInstances();
            var p = ctx.P;
            var instance = IdKind.Instance.Find(ctx.Region.Instances, p.Required("InstanceId"));
            var eni = ctx.Region.PrimaryInterface(instance);
            // The flat form (Attribute=sourceDestCheck&Value=false) and the structured one (SourceDestCheck.Value=false).
            var attribute = p.Get("Attribute");
            string? Flat(string name) => attribute == name ? p.Get("Value") : null;
            var sourceDestCheck = p.Get("SourceDestCheck.Value") ?? Flat("sourceDestCheck");
            var instanceType = p.Get("InstanceType.Value") ?? Flat("instanceType");
            var userData = p.Get("UserData.Value") ?? Flat("userData");
            var groups = p.List("GroupId");
            foreach (var g in groups) IdKind.SecurityGroup.Find(ctx.Region.SecurityGroups, g);
            SecurityGroupLimits.CheckGroups(groups.Distinct().Count());
            if ((instanceType != null || userData != null) && instance.State != InstanceStates.Stopped)
                throw new SandboxServiceException("IncorrectInstanceState", $"The instance '{instance.Id}' is not in the 'stopped' state.");
            if (sourceDestCheck == null && instanceType == null && userData == null && groups.Count == 0)
                throw new SandboxServiceException("InvalidParameterCombination", "No attributes specified.");
            Ec2ActionPolicy.Instances(ctx.Auth, new[] { instance });

            if (sourceDestCheck != null && eni != null) eni.SourceDestCheck = string.Equals(sourceDestCheck, "true", StringComparison.OrdinalIgnoreCase);
            if (instanceType != null) instance.InstanceType = instanceType;
            if (userData != null) instance.UserData = UserDataText.Decode(userData);
            if (groups.Count > 0)
            {
                instance.SecurityGroupIds.Clear(); instance.SecurityGroupIds.AddRange(groups);
                if (eni != null) { eni.SecurityGroupIds.Clear(); eni.SecurityGroupIds.AddRange(groups); }
            }
            yield return E("return", "true");
        }
    }
}
