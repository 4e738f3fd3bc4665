using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Completion;
using CloudDesignPatterns.Engine.Aws;
using CloudDesignPatterns.Engine.Diagnostics;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Errors;

namespace CloudDesignPatterns.Infrastructure
{
    /// <summary>
    /// The connection parameters every AWS cmdlet shares, and their resolution (parameter → session default →
    /// environment → shared profile → instance metadata; -Debug shows where each value came from).
    /// </summary>
    public abstract class AwsCmdlet : PatternCmdlet
    {
        [Parameter]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string? Region { get; set; }

        [Parameter]
        [Alias("Profile")]
        [ArgumentCompleter(typeof(ProfileCompleter))]
        public string? ProfileName { get; set; }

        /// <summary>Access key id as the user name, secret access key as the password.</summary>
        [Parameter]
        [Credential]
        public PSCredential? Credential { get; set; }

        [Parameter]
        public string? AccessKey { get; set; }

        [Parameter]
        public string? SecretKey { get; set; }

        [Parameter]
        public string? SessionToken { get; set; }

        [Parameter]
        [Alias("EndpointUri")]
        public string? EndpointUrl { get; set; }

        internal ConnectionSettings ConnectionSettings()
        {
            var sources = (Credential != null ? 1 : 0) + (AccessKey != null || SecretKey != null ? 1 : 0) + (ProfileName != null ? 1 : 0);
            if (sources > 1)
                throw new PatternException("AmbiguousCredentials", PatternErrorCategory.InvalidArgument,
                    "Give credentials one way: -ProfileName, -Credential, or -AccessKey/-SecretKey.");
            var settings = new ConnectionSettings
            {
                Region = Region,
                ProfileName = ProfileName,
                EndpointUrl = EndpointUrl,
                AccessKey = AccessKey,
                SecretKey = SecretKey,
                SessionToken = SessionToken,
            };
            if (Credential != null)
            {
                settings.AccessKey = Credential.UserName;
                settings.SecretKey = Credential.GetNetworkCredential().Password;
            }
            return settings;
        }

        /// <summary>Resolves the context and an EC2 session in it, validating the region before any change is made.</summary>
        internal async Task<Ec2Session> OpenEc2Async(IOperationLog log, CancellationToken cancel)
        {
            var context = await new AwsContextResolver().ResolveAsync(ConnectionSettings(), log, cancel).ConfigureAwait(false);
            var session = new Ec2Session(context, log);
            await RegionValidator.RequireAsync(session, context.Region.Value, context.Region.Source, cancel).ConfigureAwait(false);
            return session;
        }

        private AwsContext? resolvedContext;

        /// <summary>
        /// Resolves and validates the context once per invocation (call it in BeginProcessing), for cmdlets that run
        /// engine work in several phases: each phase then gets a session bound to its own pipeline pump.
        /// </summary>
        internal void ResolveContextOnce()
            => resolvedContext ??= RunOrThrow(async (log, ct) => (await OpenEc2Async(log, ct).ConfigureAwait(false)).Context);

        internal AwsContext ResolvedContext => resolvedContext ?? throw new InvalidOperationException("ResolveContextOnce must run first.");

        /// <summary>A session in the resolved context whose messages go to <paramref name="log"/>; EC2 clients are cached, so this is cheap.</summary>
        internal Ec2Session SessionFor(IOperationLog log) => new Ec2Session(ResolvedContext, log);

        /// <summary>Runs engine work; a <see cref="PatternException"/> ends the command with its error record.</summary>
        internal T RunOrThrow<T>(Func<IOperationLog, CancellationToken, Task<T>> work, object? target = null)
        {
            try { return Run(work); }
            catch (PatternException error) { ThrowPatternError(error, target); throw; }
        }
    }
}
