using System;
using System.Collections.Generic;
using System.Net;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Route53;

namespace CloudDesignPatterns.Engine.Dns
{
    /// <summary>
    /// The -HealthCheck settings (a hashtable: Type, Address, Port, Path, Interval, Threshold) checked against
    /// Route 53's limits before any call, as Route 53's HealthCheckConfig.
    /// </summary>
    public static class HealthCheckSpec
    {
        private static readonly string[] Keys = { "Type", "Address", "Port", "Path", "Interval", "Threshold" };

        /// <summary>Checks the settings only (before any call); throws InvalidHealthCheck naming what is wrong.</summary>
        public static void Check(IReadOnlyDictionary<string, object?> settings) => Parse(settings);

        /// <param name="settings">Setting name (case-insensitive) to value.</param>
        internal static HealthCheckConfig Parse(IReadOnlyDictionary<string, object?> settings)
        {
            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var pair in settings)
            {
                if (Array.FindIndex(Keys, k => string.Equals(k, pair.Key, StringComparison.OrdinalIgnoreCase)) < 0)
                    throw Invalid($"-HealthCheck has no setting '{pair.Key}'. Settings: {string.Join(", ", Keys)}.");
                values[pair.Key] = Convert.ToString(pair.Value, System.Globalization.CultureInfo.InvariantCulture)?.Trim() ?? "";
            }
            var type = (Get(values, "Type") ?? "HTTP").ToUpperInvariant();
            if (type != "HTTP" && type != "HTTPS" && type != "TCP")
                throw Invalid($"-HealthCheck Type '{type}' is not one Route 53 checks here: give HTTP, HTTPS or TCP.");
            var address = Get(values, "Address") ?? throw Invalid("-HealthCheck needs an Address: the endpoint's public IP address or DNS name.");
            var config = new HealthCheckConfig
            {
                Type = type,
                Port = Number(values, "Port", type == "HTTPS" ? 443 : 80, 1, 65535),
                RequestInterval = Number(values, "Interval", 30, 10, 30),
                FailureThreshold = Number(values, "Threshold", 3, 1, 10),
            };
            if (config.RequestInterval != 10 && config.RequestInterval != 30)
                throw Invalid($"-HealthCheck Interval {config.RequestInterval} is not one Route 53 offers: give 10 (fast) or 30 seconds.");
            if (IPAddress.TryParse(address, out var ip))
            {
                // TryParse also reads 010 as octal and 0x7f as hex: the checker would watch another address than typed.
                if (ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && ip.ToString() != address)
                    throw Invalid($"-HealthCheck Address '{address}' is not a plain IPv4 address (four decimal numbers, no leading zeros).");
                if (IsPrivate(ip))
                    throw Invalid($"-HealthCheck Address {address} is a private address: Route 53's checkers run on the internet and cannot reach it. " +
                                  "For private endpoints use -SwitchTo, or a CloudWatch alarm health check.");
                config.IPAddress = ip.ToString();
            }
            else if (DnsName.IsValid(DnsName.Normalize(address))) config.FullyQualifiedDomainName = address.TrimEnd('.');
            else throw Invalid($"-HealthCheck Address '{address}' is neither an IP address nor a DNS name.");
            if (type != "TCP")
            {
                var path = Get(values, "Path") ?? "/";
                if (!path.StartsWith("/", StringComparison.Ordinal) || path.Length > 255)
                    throw Invalid($"-HealthCheck Path '{path}' must start with '/' and be at most 255 characters.");
                config.ResourcePath = path;
            }
            else if (Get(values, "Path") != null) throw Invalid("-HealthCheck Path applies to HTTP and HTTPS checks, not TCP.");
            return config;
        }

        /// <summary>Seconds from the primary failing to Route 53 declaring it unhealthy: interval × threshold.</summary>
        internal static int DetectionSeconds(HealthCheckConfig config) => config.RequestInterval * config.FailureThreshold;

        internal static bool SameSettings(HealthCheckConfig a, HealthCheckConfig b) =>
            a.Type == b.Type && a.IPAddress == b.IPAddress && a.Port == b.Port &&
            (a.ResourcePath ?? "") == (b.ResourcePath ?? "") &&
            string.Equals(a.FullyQualifiedDomainName ?? "", b.FullyQualifiedDomainName ?? "", StringComparison.OrdinalIgnoreCase) &&
            a.RequestInterval == b.RequestInterval && a.FailureThreshold == b.FailureThreshold;

        private static bool IsPrivate(IPAddress ip)
        {
            if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
            var b = ip.GetAddressBytes();
            if (b.Length != 4) return IPAddress.IsLoopback(ip) || ip.IsIPv6LinkLocal || ip.IsIPv6SiteLocal || (b[0] & 0xFE) == 0xFC;
            return b[0] == 10 || (b[0] == 172 && (b[1] & 0xF0) == 16) || (b[0] == 192 && b[1] == 168) || b[0] == 127 ||
                   (b[0] == 169 && b[1] == 254) || (b[0] == 100 && (b[1] & 0xC0) == 64);
        }

        private static string? Get(Dictionary<string, string> values, string key) =>
            values.TryGetValue(key, out var value) && value.Length > 0 ? value : null;

        private static int Number(Dictionary<string, string> values, string key, int fallback, int min, int max)
        {
            var text = Get(values, key);
            if (text == null) return fallback;
            if (!int.TryParse(text, out var number) || number < min || number > max)
                throw Invalid($"-HealthCheck {key} '{text}' must be a whole number from {min} to {max}.");
            return number;
        }

        private static PatternException Invalid(string message) => new PatternException("InvalidHealthCheck", PatternErrorCategory.InvalidArgument, message);
    }
}
