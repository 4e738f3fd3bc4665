using System;
using CloudDesignPatterns.Sandbox.Contracts;
using CloudDesignPatterns.Sandbox.Ec2.Authorization;
using CloudDesignPatterns.Sandbox.Ec2.Protocol;
using CloudDesignPatterns.Sandbox.Ec2.State;

namespace CloudDesignPatterns.Sandbox.Ec2.Handlers
{
    /// <summary>What one handler invocation works with: the call's parameters, its region, the clock reading and IAM.</summary>
    internal sealed class Ec2Context
    {
        public Ec2Context(Ec2World world, Ec2Call call)
        {
            World = world;
            Region = world.Region(call.Region);
            P = new QueryParams(call.Parameters);
            Now = world.Now;
            Auth = new Ec2Authorizer(call.Authorizer, call.Action, call.Region, world.AccountId, P.Bool("DryRun"));
            Action = call.Action;
            Parameters = call.Parameters;
        }

        /// <summary>The call's raw parameters (for idempotency tokens, which compare the whole request).</summary>
        public System.Collections.Generic.IReadOnlyDictionary<string, string> Parameters { get; }

        /// <summary>What an earlier call with this call's ClientToken made, or null (see <see cref="ClientTokens"/>).</summary>
        public string? MadeWithClientToken() => Region.ClientTokens.Find(Action, Parameters);

        public void RememberClientToken(string resourceId) => Region.ClientTokens.Remember(Action, Parameters, resourceId);

        public Ec2World World { get; }
        public RegionState Region { get; }
        public QueryParams P { get; }
        public DateTime Now { get; }
        public Ec2Authorizer Auth { get; }
        public string Action { get; }
        public string Account => World.AccountId;
        public IdGenerator Ids => World.Ids;
        public Ec2ServiceOptions Options => World.Options;

        public FilterSet Filters() => FilterSet.Parse(P);

        /// <summary>Settles every instance's pending/stopping/shutting-down state against the clock.</summary>
        public void SettleInstances()
        {
            foreach (var i in Region.Instances.Values) i.Settle(Now);
        }
    }
}
