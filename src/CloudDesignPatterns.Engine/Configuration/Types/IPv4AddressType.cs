using System;
using System.Globalization;

namespace CloudDesignPatterns.Engine.Configuration.Types
{
    /// <summary>
    /// A dotted-quad IPv4 address. Strict on purpose: IPAddress.Parse accepts "10.1" and octal-looking "010.0.0.1",
    /// which would silently route somewhere else. A "/32" suffix is accepted and dropped, because a virtual IP is a /32.
    /// </summary>
    public sealed class IPv4AddressType : SettingType
    {
        public override string Name => "string";
        public override Type ClrType => typeof(string);
        public override string ExpectedForm => "an IPv4 address such as 100.64.0.10 (optionally with /32)";

        public override bool TryParse(string raw, out object? value)
        {
            value = null;
            var address = raw.EndsWith("/32", StringComparison.Ordinal) ? raw.Substring(0, raw.Length - 3) : raw;
            var octets = address.Split('.');
            if (octets.Length != 4) return false;
            foreach (var octet in octets)
            {
                if (octet.Length == 0 || octet.Length > 3 || (octet.Length > 1 && octet[0] == '0')) return false;
                if (!int.TryParse(octet, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > 255) return false;
            }
            value = address;
            return true;
        }
    }
}
