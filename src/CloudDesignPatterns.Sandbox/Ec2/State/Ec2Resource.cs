using System.Collections.Generic;

namespace CloudDesignPatterns.Sandbox.Ec2.State
{
    /// <summary>Anything with an id and tags, so CreateTags/DescribeTags/filters treat every resource alike.</summary>
    internal abstract class Ec2Resource
    {
        protected Ec2Resource(string id) { Id = id; }

        public string Id { get; }

        /// <summary>Insertion-ordered tags (Dictionary keeps order while only adding/overwriting).</summary>
        public Dictionary<string, string> Tags { get; } = new Dictionary<string, string>();

        /// <summary>DescribeTags' resource-type value, e.g. "instance", "volume", "snapshot", "image".</summary>
        public abstract string ResourceType { get; }
    }
}
