using System.Collections.Generic;
using System.Linq;
using CloudDesignPatterns.Sandbox.Contracts;

namespace CloudDesignPatterns.Sandbox.Ec2.Protocol
{
    /// <summary>Parses Tag.N.Key/Value lists and TagSpecification.N (ResourceType + Tag.N) blocks.</summary>
    internal static class Tagging
    {
        public static List<KeyValuePair<string, string>> ReadTags(QueryParams p, string listName = "Tag") =>
            p.Structs(listName).Select(t => new KeyValuePair<string, string>(t.Get("Key") ?? "", t.Get("Value") ?? "")).ToList();

        /// <summary>Tags requested for one resource type. Unknown resource types in the request → InvalidParameterValue.</summary>
        public static Dictionary<string, string> ForResourceType(QueryParams p, string resourceType, params string[] allowedTypes)
        {
            var tags = new Dictionary<string, string>();
            foreach (var spec in p.Structs("TagSpecification"))
            {
                var type = spec.Get("ResourceType") ?? "";
                if (allowedTypes.Length > 0 && !allowedTypes.Contains(type))
                    throw new SandboxServiceException("InvalidParameterValue", $"'{type}' is not a valid taggable resource type for this operation.");
                if (type != resourceType) continue;
                foreach (var t in ReadTags(spec)) tags[t.Key] = t.Value;
            }
            return tags;
        }

        public static void Apply(Dictionary<string, string> target, IEnumerable<KeyValuePair<string, string>> tags)
        {
            foreach (var t in tags) target[t.Key] = t.Value;
        }
    }
}
