using CloudDesignPatterns.Engine.Validation;

namespace CloudDesignPatterns.Engine.Configuration.Types
{
    /// <summary>The setting types patterns declare their settings with. Shared instances: types hold no state.</summary>
    public static class SettingTypes
    {
        public static readonly SettingType PositiveInteger = new PositiveIntegerType(1);
        public static readonly SettingType Boolean = new BooleanType();
        public static readonly SettingType Duration = new DurationType();
        public static readonly SettingType RegionName = new RegionNameType();
        public static readonly SettingType IPv4Address = new IPv4AddressType();

        /// <summary>A name of 1 to 64 letters, digits, dashes and underscores (tag-safe).</summary>
        public static readonly SettingType Name =
            new PatternTextType("[A-Za-z0-9_-]{1,64}", "a name of 1 to 64 letters, digits, '-' or '_'");

        public static SettingType ResourceIdList(ResourceKind kind) => new ResourceIdListType(kind);
    }
}
