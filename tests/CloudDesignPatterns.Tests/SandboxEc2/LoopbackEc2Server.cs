using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.Runtime;
using CloudDesignPatterns.Sandbox.Contracts;
using CloudDesignPatterns.Sandbox.Ec2;

namespace CloudDesignPatterns.Tests.SandboxEc2
{
    /// <summary>
    /// Test-only HTTP front for Ec2Service on 127.0.0.1 so the real AmazonEC2Client can parse its XML. It takes the
    /// region from the SigV4 credential scope and writes AWS's error body for SandboxServiceException.
    /// </summary>
    internal sealed class LoopbackEc2Server : IDisposable
    {
        private static readonly Regex ScopeRegion = new Regex(@"Credential=[^/]+/\d{8}/([^/]+)/ec2/aws4_request");
        private readonly HttpListener _listener = new HttpListener();
        private readonly Ec2Service _service;
        private readonly IRequestAuthorizer _authorizer;
        private readonly Task _loop;

        public LoopbackEc2Server(Ec2Service service, IRequestAuthorizer authorizer)
        {
            _service = service; _authorizer = authorizer;
            Url = $"http://127.0.0.1:{FreePort()}/";
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _loop = Task.Run(Serve);
        }

        public string Url { get; }

        public AmazonEC2Client Client(string region = SandboxSeed.Region)
        {
            Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
            return new AmazonEC2Client(new BasicAWSCredentials("AKIDEXAMPLE", "secret"),
                new AmazonEC2Config { ServiceURL = Url, AuthenticationRegion = region, MaxErrorRetry = 0 });
        }

        private async Task Serve()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); }
                catch (Exception) { return; }
                try { Handle(context); }
                catch (Exception) { context.Response.Abort(); }
            }
        }

        private void Handle(HttpListenerContext context)
        {
            string body;
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8)) body = reader.ReadToEnd();
            var form = ParseForm(body);
            var action = form.TryGetValue("Action", out var a) ? a : "";
            form.Remove("Action");
            form.Remove("Version");
            var auth = context.Request.Headers["Authorization"] ?? "";
            var match = ScopeRegion.Match(auth);
            var region = match.Success ? match.Groups[1].Value : SandboxSeed.Region;
            int status;
            string xml;
            try
            {
                var caller = new CallerIdentity("AKIDEXAMPLE", "arn:aws:iam::123456789012:user/tester", SandboxSeed.AccountId, "AIDATESTER");
                using (var answer = _service.Execute(new Ec2Call(action, form, region, caller, _authorizer))) xml = Encoding.UTF8.GetString(answer.ToArray());
                status = 200;
            }
            catch (SandboxServiceException e)
            {
                status = e.HttpStatus;
                xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>" + WebUtility.HtmlEncode(e.Code) +
                      "</Code><Message>" + WebUtility.HtmlEncode(e.Message) + "</Message></Error></Errors><RequestID>" +
                      Guid.NewGuid() + "</RequestID></Response>";
            }
            var bytes = Encoding.UTF8.GetBytes(xml);
            context.Response.StatusCode = status;
            context.Response.ContentType = "text/xml;charset=UTF-8";
            context.Response.ContentLength64 = bytes.Length;
            context.Response.OutputStream.Write(bytes, 0, bytes.Length);
            context.Response.Close();
        }

        private static Dictionary<string, string> ParseForm(string body) =>
            body.Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Select(pair => pair.Split('=', 2))
                .ToDictionary(kv => Decode(kv[0]), kv => kv.Length > 1 ? Decode(kv[1]) : "");

        private static string Decode(string s) => WebUtility.UrlDecode(s);

        private static int FreePort()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            try { _loop.Wait(TimeSpan.FromSeconds(2)); } catch (AggregateException) { }
        }
    }
}
