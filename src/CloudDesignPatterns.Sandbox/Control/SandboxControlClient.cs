using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Text;
using CloudDesignPatterns.Model;
using CloudDesignPatterns.Sandbox.Control;
using CloudDesignPatterns.Sandbox.Faults;

namespace CloudDesignPatterns.Sandbox
{
    /// <summary>
    /// Controls a sandbox in another process (or this one) through its /_sandbox/ JSON API. Errors the sandbox
    /// reports as 400 surface as <see cref="ArgumentException"/>, like the in-process control.
    /// </summary>
    public sealed class SandboxControlClient : ISandboxControl, IDisposable
    {
        private readonly HttpClient _http;

        public SandboxControlClient(Uri endpoint)
        {
            if (endpoint == null) throw new ArgumentNullException(nameof(endpoint));
            // Never send control traffic through a proxy: the sandbox is on loopback.
            _http = new HttpClient(new HttpClientHandler { UseProxy = false })
            {
                BaseAddress = new Uri(endpoint, "/_sandbox/"),
                Timeout = TimeSpan.FromSeconds(30),
            };
        }

        public string? CurrentInstanceId => Get<CurrentInstanceBody>("current-instance").InstanceId;

        public void SetCurrentInstance(string instanceId) => Send(HttpMethod.Put, "current-instance", new CurrentInstanceBody { InstanceId = instanceId });

        public FaultSettings GetFaults() => Get<FaultSettings>("faults");
        public void SetFaults(FaultSettings faults) => Send(HttpMethod.Put, "faults", faults ?? throw new ArgumentNullException(nameof(faults)));
        public void ClearFaults() => Send<object?>(HttpMethod.Delete, "faults", null);

        public void AddPrincipal(string accessKeyId, string? secretAccessKey, string arn, IReadOnlyList<string> policies) =>
            Send(HttpMethod.Post, "principals/" + Uri.EscapeDataString(accessKeyId),
                 new PrincipalBody { SecretAccessKey = secretAccessKey, Arn = arn, Policies = new List<string>(policies ?? Array.Empty<string>()) });

        public bool RemovePrincipal(string accessKeyId)
        {
            using (var response = Execute(HttpMethod.Delete, "principals/" + Uri.EscapeDataString(accessKeyId), null))
            {
                if (response.StatusCode == HttpStatusCode.NotFound) return false;
                EnsureSuccess(response);
                return true;
            }
        }

        public void SetRolePolicies(string roleName, IReadOnlyList<string> policies) =>
            Send(HttpMethod.Put, "roles/" + Uri.EscapeDataString(roleName),
                 new RolePoliciesBody { Policies = new List<string>(policies ?? Array.Empty<string>()) });

        public IReadOnlyList<SandboxCall> GetCalls(long afterSequence = 0) =>
            Get<List<SandboxCall>>("calls?after=" + afterSequence.ToString(CultureInfo.InvariantCulture));

        public void ClearCalls() => Send<object?>(HttpMethod.Delete, "calls", null);

        /// <summary>Waits as long as the run takes (each target is a child pwsh): the 30 s control timeout does not apply.</summary>
        public string RunAssociation(string associationId, string pwshPath, string endpointUrl)
        {
            using var http = new HttpClient(new HttpClientHandler { UseProxy = false }) { BaseAddress = _http.BaseAddress, Timeout = TimeSpan.FromHours(2) };
            using var request = new HttpRequestMessage(HttpMethod.Post, "associations/" + Uri.EscapeDataString(associationId) + "/run")
            {
                Content = new StringContent(ControlJson.Serialize(new RunAssociationBody { Pwsh = pwshPath, EndpointUrl = endpointUrl }), Encoding.UTF8, "application/json"),
            };
            using var response = http.SendAsync(request).ConfigureAwait(false).GetAwaiter().GetResult();
            EnsureSuccess(response);
            return ControlJson.Deserialize<RunAssociationBody>(ReadText(response)).ExecutionId ?? "";
        }
        public void SetHealthCheckStatus(string healthCheckId, bool healthy) =>
            Send(HttpMethod.Put, "route53/healthchecks/" + Uri.EscapeDataString(healthCheckId), new HealthCheckStatusBody { Healthy = healthy });
        public void SetRoute53ChangeDelay(TimeSpan delay) =>
            Send(HttpMethod.Put, "route53/change-delay", new ChangeDelayBody { Seconds = delay.TotalSeconds });

        /// <summary>True when a sandbox answers at the endpoint.</summary>
        public bool IsHealthy()
        {
            try
            {
                using (var response = Execute(HttpMethod.Get, "health", null)) return response.IsSuccessStatusCode;
            }
            catch (HttpRequestException) { return false; }
        }

        public void Dispose() => _http.Dispose();

        private T Get<T>(string relative)
        {
            using (var response = Execute(HttpMethod.Get, relative, null))
            {
                EnsureSuccess(response);
                return ControlJson.Deserialize<T>(ReadText(response));
            }
        }

        private void Send<T>(HttpMethod method, string relative, T body)
        {
            var json = body == null ? null : ControlJson.Serialize(body);
            using (var response = Execute(method, relative, json)) EnsureSuccess(response);
        }

        // The control surface is synchronous (cmdlets call it); ConfigureAwait(false) keeps blocking safe in any context.
        private HttpResponseMessage Execute(HttpMethod method, string relative, string? json)
        {
            using (var request = new HttpRequestMessage(method, relative))
            {
                if (json != null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
                return _http.SendAsync(request).ConfigureAwait(false).GetAwaiter().GetResult();
            }
        }

        private static string ReadText(HttpResponseMessage response) =>
            response.Content.ReadAsStringAsync().ConfigureAwait(false).GetAwaiter().GetResult();

        private static void EnsureSuccess(HttpResponseMessage response)
        {
            if (response.IsSuccessStatusCode) return;
            var text = ReadText(response);
            string message;
            try { message = ControlJson.Deserialize<ErrorBody>(text).Error ?? text; }
            catch (System.Text.Json.JsonException) { message = text; }
            if (response.StatusCode == HttpStatusCode.BadRequest) throw new ArgumentException(message);
            throw new InvalidOperationException($"Sandbox control call failed ({(int)response.StatusCode}): {message}");
        }
    }
}
