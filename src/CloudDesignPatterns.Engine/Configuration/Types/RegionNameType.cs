using System;
using CloudDesignPatterns.Engine.Validation;

namespace CloudDesignPatterns.Engine.Configuration.Types
{
    /// <summary>An AWS region name (shape only, so regions launched after this build still work).</summary>
    public sealed class RegionNameType : SettingType
    {
        public override string Name => "string";
        public override Type ClrType => typeof(string);
        public override string ExpectedForm => ResourceId.RegionNameExpectedForm;

        public override bool TryParse(string raw, out object? value)
        {
            value = ResourceId.IsValidRegionName(raw) ? raw : null;
            return value != null;
        }
    }
}
