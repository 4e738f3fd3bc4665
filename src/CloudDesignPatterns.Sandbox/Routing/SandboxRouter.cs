using System;
using System.Threading.Tasks;
using CloudDesignPatterns.Model;
using CloudDesignPatterns.Sandbox.Contracts;
using CloudDesignPatterns.Sandbox.Control;
using CloudDesignPatterns.Sandbox.Handlers;
using CloudDesignPatterns.Sandbox.Imds;
using CloudDesignPatterns.Sandbox.Ssm;

namespace CloudDesignPatterns.Sandbox.Routing
{
    /// <summary>
    /// Sends each request on the sandbox's single port to its service by path: /_sandbox/ control, /latest/ instance
    /// metadata, /2013-04-01/ Route 53 (REST-XML), and POST / for the Query services (EC2, STS).
    /// </summary>
    internal sealed class SandboxRouter
    {
        public const string Route53Prefix = "/2013-04-01/";
        private readonly SandboxState _state;
        private readonly ControlApiHandler _control;
        private readonly ImdsHandler _imds;
        private readonly QueryApiHandler _query;
        private readonly SsmJsonHandler _ssm;
        private readonly Route53.Route53ApiHandler _route53;

        public SandboxRouter(SandboxState state, ISandboxControl control)
        {
            _state = state;
            _control = new ControlApiHandler(control);
            _imds = new ImdsHandler(state);
            _query = new QueryApiHandler(state);
            _ssm = new SsmJsonHandler(state);
            _route53 = new Route53.Route53ApiHandler(state);
        }

        public Task<SandboxResponse> RouteAsync(SandboxRequest request)
        {
            var path = request.Path;
            if (path.StartsWith(ControlApiHandler.Prefix, StringComparison.Ordinal))
                return Task.FromResult(_control.Handle(request));
            if (path == "/latest" || path.StartsWith("/latest/", StringComparison.Ordinal))
                return Task.FromResult(_imds.Handle(request));
            if (path.StartsWith(Route53Prefix, StringComparison.Ordinal))
                return _route53.HandleAsync(request);
            if (path == "/" && SsmJsonHandler.Accepts(request))
                return _ssm.HandleAsync(request); // SSM's JSON protocol names the action in X-Amz-Target
            if (path == "/" && (request.Method == "POST" || (request.Method == "GET" && request.RawQuery.Contains("Action="))))
                return _query.HandleAsync(request);
            return Task.FromResult(SandboxResponse.Text(404, "Not Found"));
        }
    }
}
