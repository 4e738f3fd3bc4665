using System;

namespace CloudDesignPatterns.Engine.Bastion
{
    /// <summary>
    /// The bastion's own countdown: user data that powers the machine off at expiry, whatever else fails (no scheduler,
    /// no network, no sweep). With InstanceInitiatedShutdownBehavior=terminate, powering off terminates the instance.
    /// The expiry is also written as Cloud DI lines (# cdp:bastion:…=…) so the instance can read it back.
    /// </summary>
    public static class BastionUserData
    {
        /// <summary>A shell script for cloud-init: a systemd timer when there is systemd, else shutdown -P +minutes.</summary>
        public static string Linux(DateTime expiresAt, string requestId)
        {
            var expires = BastionTags.Time(expiresAt);
            return "#!/bin/bash\n" +
                   $"# {BastionTags.ExpiresAt}={expires}\n" +
                   $"# {BastionTags.RequestId}={requestId}\n" +
                   "# On-demand bastion (CloudDesignPatterns): power off at expiry; the instance terminates on shutdown.\n" +
                   $"expires=$(date -u -d '{expires}' +%s)\n" +
                   "remaining=$(( expires - $(date -u +%s) ))\n" +
                   "if [ \"$remaining\" -le 0 ]; then exec poweroff; fi\n" +
                   "if command -v systemd-run >/dev/null 2>&1; then\n" +
                   "  systemd-run --unit=cdp-bastion-expiry --on-active=\"${remaining}s\" --timer-property=AccuracySec=1s systemctl poweroff\n" +
                   "else\n" +
                   "  shutdown -P \"+$(( (remaining + 59) / 60 ))\" 'On-demand bastion expired'\n" +
                   "fi\n";
        }

        /// <summary>PowerShell user data for EC2Launch on a Windows AMI: shutdown.exe with the seconds left.</summary>
        public static string Windows(DateTime expiresAt, string requestId)
        {
            var expires = BastionTags.Time(expiresAt);
            return "<powershell>\n" +
                   $"# {BastionTags.ExpiresAt}={expires}\n" +
                   $"# {BastionTags.RequestId}={requestId}\n" +
                   "# On-demand bastion (CloudDesignPatterns): power off at expiry; the instance terminates on shutdown.\n" +
                   $"$expires = [DateTime]::Parse('{expires}', [Globalization.CultureInfo]::InvariantCulture, [Globalization.DateTimeStyles]'AdjustToUniversal,AssumeUniversal')\n" +
                   "$seconds = [Math]::Max(0, [int][Math]::Ceiling(($expires - [DateTime]::UtcNow).TotalSeconds))\n" +
                   "& shutdown.exe /s /f /t $seconds /d p:4:1 /c 'On-demand bastion expired'\n" +
                   "</powershell>\n";
        }
    }
}
