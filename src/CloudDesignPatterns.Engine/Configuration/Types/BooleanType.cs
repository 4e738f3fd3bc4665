using System;

namespace CloudDesignPatterns.Engine.Configuration.Types
{
    /// <summary>A yes/no flag. Accepts true/false, yes/no and 1/0 in any case, because launch templates and
    /// scripts write flags all three ways.</summary>
    public sealed class BooleanType : SettingType
    {
        public override string Name => "bool";
        public override Type ClrType => typeof(bool);
        public override string ExpectedForm => "true or false (also yes/no or 1/0)";

        public override bool TryParse(string raw, out object? value)
        {
            switch (raw.ToLowerInvariant())
            {
                case "true":
                case "yes":
                case "1":
                    value = true;
                    return true;
                case "false":
                case "no":
                case "0":
                    value = false;
                    return true;
                default:
                    value = null;
                    return false;
            }
        }
    }
}
