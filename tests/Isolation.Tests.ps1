# Dependency isolation: the module's AWS SDK lives in a load context of its own, so it works beside another
# AWSSDK.Core (AWS.Tools, an older SDK) loaded before or after it. Each case runs in a fresh pwsh, because an
# assembly once loaded into the default context cannot be unloaded.

BeforeDiscovery {
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
    $script:Core37 = Join-Path $packages 'awssdk.core/3.7.402/lib/netstandard2.0/AWSSDK.Core.dll'
    # PowerShell 7 runs on .NET 8 or later: the net8.0 build is the one AWS.Tools would load.
    $script:Core40 = Join-Path $packages 'awssdk.core/4.0.3.3/lib/net8.0/AWSSDK.Core.dll'
    $script:Has37 = Test-Path $Core37
    $script:Has40 = Test-Path $Core40
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Seed = Get-CdpSeed
    $script:ManifestPath = Get-CdpModuleManifest
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
    $script:Core37 = Join-Path $packages 'awssdk.core/3.7.402/lib/netstandard2.0/AWSSDK.Core.dll'
    $script:Core40 = Join-Path $packages 'awssdk.core/4.0.3.3/lib/net8.0/AWSSDK.Core.dll'

    # SDK v3 builds are all assembly version 3.3.0.0 and v4 builds 4.0.0.0, so the file version tells them apart.
    # Child-script fragments: use the module against its own sandbox, and describe every loaded AWSSDK.Core.
    $script:UseModule = @"
Import-Module '$ManifestPath'
`$null = Start-PatternSandbox
`$config = Get-PatternConfiguration -InstanceId $($Seed.Web2)
"@
    $script:Describe = @'
$cores = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'AWSSDK.Core' } | ForEach-Object {
    $context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_)
    @{ Version = $_.GetName().Version.ToString(); Location = $_.Location; Default = ($context -eq [System.Runtime.Loader.AssemblyLoadContext]::Default); Context = $context.GetType().FullName }
})
'@
}

Describe 'Another AWSSDK.Core loaded first' {
    BeforeAll {
        # A fresh pwsh loads the other AWSSDK.Core first, then uses the module; returns what both see.
        function Invoke-WithCoreLoadedFirst([string] $Core) {
            Invoke-CdpChildPwsh @"
`$ErrorActionPreference = 'Stop'
Add-Type -Path '$Core'
$UseModule
$Describe
`$type = [Amazon.Runtime.AWSCredentials].Assembly
Stop-PatternSandbox
@{ KeepGenerations = `$config.KeepGenerations; TypeVersion = [Diagnostics.FileVersionInfo]::GetVersionInfo(`$type.Location).FileVersion; TypeLocation = `$type.Location; Cores = `$cores } | ConvertTo-Json -Compress -Depth 5
"@
        }
    }

    It 'AWSSDK.Core 3.7 (netstandard2.0): the module works and the caller keeps its 3.7 types' -Skip:(-not $Has37) {
        $r = Invoke-WithCoreLoadedFirst $Core37
        $r.KeepGenerations | Should -Be 3
        $r.TypeVersion | Should -BeLike '3.7.*'
        $r.TypeLocation | Should -Be $Core37
        $mine = @($r.Cores | Where-Object { -not $_.Default })
        $mine | Should -HaveCount 1 -Because "the module's SDK loads beside the caller's, in its own context"
        $mine[0].Version | Should -BeLike '4.*'
        $mine[0].Context | Should -Be 'CloudDesignPatterns.Infrastructure.IsolatedLoadContext'
        @($r.Cores | Where-Object Default).Location | Should -Be $Core37
    }

    It 'AWSSDK.Core 4.0.3.3 (net8.0, same assembly version 4.0.0.0): the module works and the caller keeps its copy' -Skip:(-not $Has40) {
        $r = Invoke-WithCoreLoadedFirst $Core40
        $r.KeepGenerations | Should -Be 3
        $r.TypeLocation | Should -Be $Core40
        $r.TypeVersion | Should -BeLike '4.0.3.3*'
        $mine = @($r.Cores | Where-Object { -not $_.Default })
        $mine | Should -HaveCount 1
        $mine[0].Location | Should -Not -Be $Core40
        $mine[0].Location | Should -BeLike "$($env:CDP_MODULE_PATH)*"
    }
}

Describe 'Another AWSSDK.Core loaded after the module was used' {
    It 'AWSSDK.Core 3.7 loads and works, and the module keeps working' -Skip:(-not $Has37) {
        $r = Invoke-CdpChildPwsh @"
`$ErrorActionPreference = 'Stop'
$UseModule
`$first = `$config.KeepGenerations
Add-Type -Path '$Core37'
`$credentials = New-Object Amazon.Runtime.BasicAWSCredentials 'a', 'b'
`$key = `$credentials.GetCredentials().AccessKey
`$typeVersion = [Diagnostics.FileVersionInfo]::GetVersionInfo(`$credentials.GetType().Assembly.Location).FileVersion
`$again = (Get-PatternConfiguration -InstanceId $($Seed.Db1)).Image
$Describe
Stop-PatternSandbox
@{ First = `$first; Again = `$again; Key = `$key; TypeVersion = `$typeVersion; Cores = `$cores } | ConvertTo-Json -Compress -Depth 5
"@
        $r.First | Should -Be 3
        $r.Again | Should -BeTrue
        $r.Key | Should -Be 'a'
        $r.TypeVersion | Should -BeLike '3.7.*'
        @($r.Cores | Where-Object Default).Location | Should -Be $Core37
        @($r.Cores | Where-Object { -not $_.Default }) | Should -HaveCount 1
    }
}

Describe 'The default load context of this process' {
    BeforeAll {
        Import-CdpModule | Out-Null
        Start-CdpSandbox | Out-Null
        Get-PatternConfiguration -InstanceId $Seed.Web2 | Out-Null
    }
    AfterAll { Stop-CdpSandbox }

    It 'holds no AWSSDK assembly and no engine after the module was used' {
        $default = [System.Runtime.Loader.AssemblyLoadContext]::Default
        $loaded = [AppDomain]::CurrentDomain.GetAssemblies()
        $inDefault = @($loaded | Where-Object { [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_) -eq $default } | ForEach-Object { $_.GetName().Name })
        $inDefault | Where-Object { $_ -like 'AWSSDK.*' } | Should -BeNullOrEmpty
        $inDefault | Should -Not -Contain 'CloudDesignPatterns.Engine'
        $inDefault | Should -Not -Contain 'CloudDesignPatterns.Sandbox'
        $inDefault | Should -Contain 'CloudDesignPatterns'
        $inDefault | Should -Contain 'CloudDesignPatterns.Model'
        # ...while the SDK is loaded, in the module's own context.
        $sdk = @($loaded | Where-Object { $_.GetName().Name -eq 'AWSSDK.Core' })
        $sdk | Should -HaveCount 1
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($sdk[0]).GetType().FullName | Should -Be 'CloudDesignPatterns.Infrastructure.IsolatedLoadContext'
    }
}

Describe 'Re-importing the module' {
    It 'works after Remove-Module, before the engine was ever loaded (Pester BeforeAll blocks do this)' {
        $manifest = Get-CdpModuleManifest
        $r = Invoke-CdpChildPwsh @"
`$ErrorActionPreference = 'Stop'
Import-Module '$manifest'
Remove-Module CloudDesignPatterns
Import-Module '$manifest' -Force
`$policy = Get-PatternIamPolicy -Pattern Core
@{ Role = `$policy.Role; Actions = `$policy.Actions.Count } | ConvertTo-Json -Compress
"@
        $r.ExitCode | Should -Be 0
        $r.Role | Should -Be 'Core'
        $r.Actions | Should -BeGreaterThan 5
    }
}
