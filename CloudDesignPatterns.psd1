@{
    RootModule           = 'CloudDesignPatterns.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '6f1d3c2a-8e5b-4b7a-9c61-2f0d5e7a9b14'
    Author               = 'CloudDesignPatterns'
    CompanyName          = 'CloudDesignPatterns'
    Copyright            = '(c) CloudDesignPatterns contributors. Apache-2.0.'
    Description          = 'AWS Cloud Design Patterns as safe, scriptable cmdlets: instance metadata, Cloud DI, snapshots, failover, firewalls, bastions, least-privilege IAM, and a local sandbox to rehearse them.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    # The model assembly is shared by the cmdlets and the isolated engine, so it loads into the default context.
    RequiredAssemblies   = @('CloudDesignPatterns.Model.dll')
    FormatsToProcess     = @('CloudDesignPatterns.format.ps1xml')
    CmdletsToExport      = @(
        'Get-PatternInstanceMetadata'
        'Get-PatternConfiguration'
        'Set-PatternDefault'
        'Get-PatternDefault'
        'Clear-PatternDefault'
        'Get-PatternIamPolicy'
        'New-PatternSnapshot'
        'Get-PatternSnapshot'
        'Remove-PatternSnapshot'
        'Copy-PatternSnapshot'
        'Restore-PatternSnapshot'
        'Start-PatternSandbox'
        'Stop-PatternSandbox'
        'Set-PatternSandbox'
        'Get-PatternSandboxCall'
        # Routing-based HA (#11)
        'Set-RoutingFailover'
        'Get-RoutingFailover'
        'Test-RoutingFailover'
        'Set-Route53Failover'
        'Get-Route53Failover'
        # Floating IP (#11)
        'Move-FloatingIp'
        'Get-FloatingIp'
        # Operational Firewall and On-demand Firewall (issue 13)
        'Set-OperationalFirewall'
        'Test-OperationalFirewall'
        'Get-OperationalFirewall'
        'Grant-OnDemandIngress'
        'Revoke-OnDemandIngress'
        'Get-OnDemandIngress'
        # On-demand Bastion
        'Request-OnDemandBastion'
        'Approve-OnDemandBastion'
        'Start-OnDemandBastion'
        'Stop-OnDemandBastion'
        'Get-OnDemandBastion'
        # schedules (#15)
        'Register-PatternSchedule'
        'Get-PatternSchedule'
        'Unregister-PatternSchedule'
        'Invoke-PatternJob'
        'Invoke-PatternGameDay'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('AWS', 'EC2', 'CloudDesignPatterns', 'Snapshot', 'Failover', 'IMDSv2')
            LicenseUri = 'https://www.apache.org/licenses/LICENSE-2.0'
        }
    }
}
