using System;
using System.Collections.Generic;
using CloudDesignPatterns.Engine.Validation;

namespace CloudDesignPatterns.Engine.Configuration.Types
{
    /// <summary>One or more resource ids of one kind, comma-separated (tags hold a single string). Spaces around
    /// commas and empty entries from a trailing comma are tolerated; duplicates are dropped, order kept.</summary>
    public sealed class ResourceIdListType : SettingType
    {
        public ResourceIdListType(ResourceKind kind) => Kind = kind;

        public ResourceKind Kind { get; }
        public override string Name => "string[]";
        public override Type ClrType => typeof(string[]);
        public override string ExpectedForm =>
            $"one or more {ResourceId.Noun(Kind)}s ({ResourceId.ExpectedForm(Kind)}), comma-separated";

        public override bool TryParse(string raw, out object? value)
        {
            value = null;
            var ids = new List<string>();
            foreach (var part in raw.Split(','))
            {
                var id = part.Trim();
                if (id.Length == 0) continue;
                if (!ResourceId.IsValid(Kind, id)) return false;
                if (!ids.Contains(id)) ids.Add(id);
            }
            if (ids.Count == 0) return false;
            value = ids.ToArray();
            return true;
        }
    }
}
