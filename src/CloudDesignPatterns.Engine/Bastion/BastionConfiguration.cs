using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CloudDesignPatterns.Engine.CloudDi;
using CloudDesignPatterns.Engine.Configuration;
using CloudDesignPatterns.Engine.Ec2;
using CloudDesignPatterns.Engine.Imds;
using CloudDesignPatterns.Model.Configuration;

namespace CloudDesignPatterns.Engine.Bastion
{
    /// <summary>
    /// The bastion's Cloud DI settings: parameters first, then the cdp:bastion:* tags and user data of the instance the
    /// command runs on. Instance metadata is asked only when a parameter is missing and this can be an EC2 instance, so an
    /// operator's laptop that gives every id pays nothing.
    /// </summary>
    public static class BastionConfiguration
    {
        public static async Task<PatternConfiguration> ResolveAsync(Ec2Session ec2, IReadOnlyDictionary<string, object?> explicitParameters,
            IReadOnlyCollection<string> needed, CancellationToken cancel)
        {
            IReadOnlyDictionary<string, string>? tags = null;
            IReadOnlyDictionary<string, string>? userData = null;
            string? instanceId = null;
            var missing = false;
            foreach (var name in needed) missing |= !explicitParameters.TryGetValue(name, out var v) || v == null;
            var imds = ImdsClient.ForCurrentEnvironment(); // shared per environment: not disposed here
            if (missing && imds.IsUsable)
            {
                try
                {
                    var self = await SelfInstance.ReadAsync(() => Task.FromResult(ec2), cancel).ConfigureAwait(false);
                    if (self.Region == ec2.Region)
                    {
                        tags = self.Tags; userData = self.UserData.Settings; instanceId = self.InstanceId;
                    }
                }
                catch (Errors.PatternException unavailable)
                {
                    // Not on an instance after all (or metadata is down): parameters and defaults are all there is.
                    ec2.Log.Debug($"Cloud DI for bastion: instance metadata not read ({unavailable.ErrorId}); using parameters and defaults.");
                }
            }
            return ConfigurationResolver.Resolve("bastion", tags, userData, explicitParameters, instanceId, ec2.Region);
        }

        public static string? Text(PatternConfiguration configuration, string parameterName) => configuration.Find(parameterName)?.Value as string;
    }
}
