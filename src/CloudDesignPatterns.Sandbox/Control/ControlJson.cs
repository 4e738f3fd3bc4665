using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudDesignPatterns.Sandbox.Control
{
    /// <summary>JSON conventions of the /_sandbox/ control API: camelCase, enums as names, case-insensitive reads.</summary>
    internal static class ControlJson
    {
        public static readonly JsonSerializerOptions Options = CreateOptions();

        private static JsonSerializerOptions CreateOptions()
        {
            var options = new JsonSerializerOptions
            {
                PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
                PropertyNameCaseInsensitive = true,
                DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            };
            options.Converters.Add(new JsonStringEnumConverter());
            return options;
        }

        public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

        public static T Deserialize<T>(string json) =>
            JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException("Empty JSON body.");
    }

    internal sealed class CurrentInstanceBody
    {
        public string? InstanceId { get; set; }
    }

    internal sealed class PrincipalBody
    {
        public string? SecretAccessKey { get; set; }
        public string? Arn { get; set; }
        public List<string>? Policies { get; set; }
    }

    internal sealed class RolePoliciesBody
    {
        public List<string>? Policies { get; set; }
    }

    internal sealed class RunAssociationBody
    {
        public string? Pwsh { get; set; }
        public string? EndpointUrl { get; set; }
        public string? ExecutionId { get; set; }
    }

    internal sealed class HealthCheckStatusBody
    {
        public bool Healthy { get; set; }
    }

    internal sealed class ChangeDelayBody
    {
        public double Seconds { get; set; }
    }

    internal sealed class ErrorBody
    {
        public string? Error { get; set; }
    }

    internal sealed class HealthBody
    {
        public string Status { get; set; } = "ok";
        public string? CurrentInstanceId { get; set; }
    }
}
