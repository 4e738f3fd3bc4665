using System.Collections.Generic;
using System.Linq;
using CloudDesignPatterns.Sandbox.Contracts;
using CloudDesignPatterns.Sandbox.Ec2.Authorization;
using CloudDesignPatterns.Sandbox.Ec2.Protocol;
using CloudDesignPatterns.Sandbox.Ec2.State;
using static CloudDesignPatterns.Sandbox.Ec2.Protocol.Ec2Xml;

namespace CloudDesignPatterns.Sandbox.Ec2.Handlers
{
    /// <summary>CreateTags, DeleteTags and DescribeTags over every taggable resource in the region.</summary>
    internal static class TagHandlers
    {
        private static readonly IdKind[] Kinds =
        {
            IdKind.Instance, IdKind.Volume, IdKind.Snapshot, IdKind.Image, IdKind.RouteTable, IdKind.NetworkInterface,
            IdKind.SecurityGroup, IdKind.SecurityGroupRule, IdKind.Allocation, IdKind.Subnet, IdKind.Vpc,
        };

        public static void Register(IDictionary<string, Ec2Handler> map)
        {
            map["CreateTags"] = CreateTags;
            map["DeleteTags"] = DeleteTags;
            map["DescribeTags"] = DescribeTags;
        }

        private static IEnumerable<object?> CreateTags(Ec2Context ctx)
        {
            var resources = Resolve(ctx, ctx.P.List("ResourceId"));
            var tags = Tagging.ReadTags(ctx.P);
            if (tags.Count == 0) throw new SandboxServiceException("MissingParameter", "The request must contain the parameter Tag");
            if (tags.Any(t => t.Key.Length == 0 || t.Key.StartsWith("aws:")))
                throw new SandboxServiceException("InvalidParameterValue", "Tag keys must be non-empty and must not start with 'aws:'.");
            var requestTags = tags.GroupBy(t => t.Key).ToDictionary(g => g.Key, g => g.Last().Value);
            Ec2ActionPolicy.Tagging(ctx.Auth, resources, requestTags);
            foreach (var r in resources) Tagging.Apply(r.Tags, requestTags);
            yield return E("return", "true");
        }

        private static IEnumerable<object?> DeleteTags(Ec2Context ctx)
        {
            var resources = Resolve(ctx, ctx.P.List("ResourceId"));
            var tags = ctx.P.Structs("Tag").Select(t => (key: t.Get("Key") ?? "", value: t.Get("Value"))).ToList();
            var requestTags = tags.GroupBy(t => t.key).ToDictionary(g => g.Key, g => g.Last().value ?? "");
            Ec2ActionPolicy.Tagging(ctx.Auth, resources, requestTags);
            foreach (var r in resources)
            {
                // No Tag.N at all deletes every tag (as AWS does); a Value only deletes a matching value.
                var doomed = tags.Count == 0 ? r.Tags.Keys.ToList()
                    : tags.Where(t => r.Tags.TryGetValue(t.key, out var v) && (t.value == null || t.value == v)).Select(t => t.key).ToList();
                foreach (var key in doomed) r.Tags.Remove(key);
            }
            yield return E("return", "true");
        }

        private static readonly FilterSpec<TagRow> Spec = new FilterSpec<TagRow>
        {
            ["resource-id"] = t => FilterSpec<TagRow>.One(t.Resource.Id),
            ["resource-type"] = t => FilterSpec<TagRow>.One(t.Resource.ResourceType),
            ["key"] = t => FilterSpec<TagRow>.One(t.Key),
            ["value"] = t => FilterSpec<TagRow>.One(t.Value),
        };

        private static IEnumerable<object?> DescribeTags(Ec2Context ctx)
        {
            Ec2ActionPolicy.Describe(ctx.Auth);
            var rows = ctx.Region.AllResources().SelectMany(r => r.Tags.Select(t => new TagRow(r, t.Key, t.Value)));
            var matching = ctx.Filters().Apply(rows, Spec, _ => new Dictionary<string, string>());
            var (page, next) = Paging.Take(() => matching, ctx.P);
            yield return Set("tagSet", page, t => new object?[]
            {
                E("resourceId", t.Resource.Id), E("resourceType", t.Resource.ResourceType), E("key", t.Key), E("value", t.Value),
            });
            yield return Opt("nextToken", next);
        }

        private static List<Ec2Resource> Resolve(Ec2Context ctx, IReadOnlyList<string> ids)
        {
            if (ids.Count == 0) throw new SandboxServiceException("MissingParameter", "The request must contain the parameter ResourceId");
            var found = new List<Ec2Resource>();
            foreach (var id in ids.Distinct())
            {
                var kind = Kinds.FirstOrDefault(k => id.StartsWith(k.Prefix + "-"));
                if (kind == null) throw new SandboxServiceException("InvalidID", $"The ID '{id}' is not valid");
                kind.CheckFormat(id);
                found.Add(ctx.Region.FindResource(id) ?? throw kind.NotFound(id));
            }
            return found;
        }

        private sealed class TagRow
        {
            public TagRow(Ec2Resource resource, string key, string value) { Resource = resource; Key = key; Value = value; }
            public Ec2Resource Resource { get; }
            public string Key { get; }
            public string Value { get; }
        }
    }
}
