using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CloudDesignPatterns.Completion;
using CloudDesignPatterns.Engine.CloudDi;
using CloudDesignPatterns.Engine.Configuration;
using CloudDesignPatterns.Engine.Errors;
using CloudDesignPatterns.Engine.Validation;
using CloudDesignPatterns.Infrastructure;
using CloudDesignPatterns.Model.Configuration;

namespace CloudDesignPatterns.Commands.Core
{
    /// <summary>
    /// Cloud DI: reads an instance's cdp:&lt;pattern&gt;:&lt;setting&gt; tags and user data and writes one object per pattern
    /// whose properties are the settings that are set, named after the parameters they feed, so it binds by property name.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "PatternConfiguration", DefaultParameterSetName = SelfSet)]
    [OutputType(typeof(PSObject))]
    public sealed class GetPatternConfigurationCommand : AwsCmdlet
    {
        private const string SelfSet = "Self";
        private const string InstanceSet = "InstanceId";
        internal const string TypeName = "CloudDesignPatterns.PatternConfiguration";

        [Parameter(ParameterSetName = SelfSet)]
        public SwitchParameter Self { get; set; }

        [Parameter(ParameterSetName = InstanceSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(InstanceIdCompleter))]
        public string[] InstanceId { get; set; } = Array.Empty<string>();

        [Parameter]
        [ArgumentCompleter(typeof(PatternNameCompleter))]
        public string[]? Pattern { get; set; }

        protected override void BeginProcessing()
        {
            foreach (var name in Pattern ?? Array.Empty<string>())
                if (!SettingCatalog.Default.Patterns.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
                    ThrowArgumentError("UnknownPattern", $"Unknown pattern '{name}'. Known patterns: {string.Join(", ", SettingCatalog.Default.Patterns.Select(p => p.Name))}.", name);
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == SelfSet)
            {
                Emit(() => Run((log, ct) => SelfInstance.ReadAsync(() => OpenEc2Async(log, ct), ct)), "self");
                return;
            }
            foreach (var id in InstanceId)
            {
                try { ResourceId.Require(ResourceKind.Instance, id, nameof(InstanceId)); }
                catch (ArgumentException invalid)
                {
                    WriteError(new ErrorRecord(invalid, "InvalidInstanceId", ErrorCategory.InvalidArgument, id));
                    continue;
                }
                Emit(() => Run(async (log, ct) => await InstanceSettingsReader.ReadAsync(await OpenEc2Async(log, ct).ConfigureAwait(false), id, ct).ConfigureAwait(false)), id);
            }
        }

        private void Emit(Func<InstanceSettingsInput> read, object target)
        {
            InstanceSettingsInput input;
            try { input = read(); }
            catch (PatternException error) { WritePatternError(error, target); return; }
            WriteDebug($"Cloud DI for {input.InstanceId}: tags from {input.TagSource}; user data: {input.UserData.Settings.Count} setting(s).");
            foreach (var warning in input.UserData.Warnings) WriteWarning(warning);
            try
            {
                var results = Pattern == null
                    ? ConfigurationResolver.ResolveEach(input.Tags, input.UserData.Settings, null, input.InstanceId, input.Region)
                    : Pattern.Select(p => ConfigurationResolver.Resolve(p, input.Tags, input.UserData.Settings, null, input.InstanceId, input.Region)).ToList();
                foreach (var configuration in results)
                {
                    foreach (var warning in configuration.Warnings) WriteWarning(warning);
                    WriteObject(ToBindableObject(configuration));
                }
            }
            catch (ConfigurationException error)
            {
                WriteError(new ErrorRecord(error, "InvalidConfigurationValue", ErrorCategory.InvalidData, error.Key));
            }
        }

        /// <summary>
        /// Only the settings that are set become properties, so an unset one never binds and the cmdlet's own default applies.
        /// InstanceId and Region travel along so the object also names the target.
        /// </summary>
        internal static PSObject ToBindableObject(PatternConfiguration configuration)
        {
            var result = new PSObject();
            result.TypeNames.Insert(0, TypeName);
            result.Properties.Add(new PSNoteProperty("InstanceId", configuration.InstanceId));
            result.Properties.Add(new PSNoteProperty("Region", configuration.Region));
            result.Properties.Add(new PSNoteProperty("Pattern", configuration.Pattern));
            foreach (var setting in configuration.Settings)
                result.Properties.Add(new PSNoteProperty(setting.ParameterName, setting.Value));
            result.Properties.Add(new PSNoteProperty("Settings", configuration.Settings.ToArray()));
            return result;
        }
    }
}
