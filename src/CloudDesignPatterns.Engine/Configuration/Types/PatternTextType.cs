using System;
using System.Text.RegularExpressions;

namespace CloudDesignPatterns.Engine.Configuration.Types
{
    /// <summary>Free text that must match a regular expression (names such as a snapshot policy).</summary>
    public sealed class PatternTextType : SettingType
    {
        private readonly Regex _shape;

        public PatternTextType(string regex, string expectedForm)
        {
            // Anchor with \z, not $, so a trailing newline cannot slip through.
            _shape = new Regex("^(?:" + regex + @")\z", RegexOptions.CultureInvariant);
            ExpectedForm = expectedForm;
        }

        public override string Name => "string";
        public override Type ClrType => typeof(string);
        public override string ExpectedForm { get; }

        public override bool TryParse(string raw, out object? value)
        {
            value = _shape.IsMatch(raw) ? raw : null;
            return value != null;
        }
    }
}
