using System;
using System.Globalization;

namespace CloudDesignPatterns.Engine.Configuration.Types
{
    /// <summary>A whole number at or above a minimum (generation counts and the like).</summary>
    public sealed class PositiveIntegerType : SettingType
    {
        public PositiveIntegerType(int minimum = 1) => Minimum = minimum;

        public int Minimum { get; }
        public override string Name => "int";
        public override Type ClrType => typeof(int);
        public override string ExpectedForm => $"a whole number of {Minimum} or more";

        public override bool TryParse(string raw, out object? value)
        {
            value = null;
            if (!int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)) return false;
            if (number < Minimum) return false;
            value = number;
            return true;
        }
    }
}
