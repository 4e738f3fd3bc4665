#Requires -Version 7.0
# Set-/Get-Route53Failover against the sandbox's Route 53, run as principals holding EXACTLY the published
# Route53Failover / Route53Monitor roles narrowed to one zone and its names (Get-PatternIamPolicy -HostedZoneId
# -RecordName), so least privilege is proven. Each test asserts on the typed result, on the records read back as the
# sandbox admin and on the calls recorded (count and order).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-CdpModule | Out-Null
    $script:Seed = Get-CdpSeed
    $script:Sandbox = Start-PatternSandbox -ErrorAction Stop
    $script:Zone = 'Z0CDP000000PUBLIC1'
    $script:PrivateZoneId = 'Z0CDP00000PRIVATE1'
    $script:Name = 'app.example.com.'
    $script:S3Site = 'cdp-fallback.s3-website-ap-northeast-1.amazonaws.com'
    $script:S3Zone = 'Z2M4EHUR26P7ZW'
    $script:As = (Register-CdpPrincipal -AccessKeyId AKIDDNSFAILOVER `
            -Policy (Get-PatternIamPolicy Route53Failover -HostedZoneId $Zone -RecordName app.example.com, example.com)).Splat
    $script:AsPrivate = (Register-CdpPrincipal -AccessKeyId AKIDDNSPRIVATE `
            -Policy (Get-PatternIamPolicy Route53Failover -HostedZoneId $PrivateZoneId -RecordName app.example.com)).Splat
    $script:Monitor = (Register-CdpPrincipal -AccessKeyId AKIDDNSMONITOR `
            -Policy (Get-PatternIamPolicy Route53Failover Route53Monitor -HostedZoneId $Zone)).Splat
    $script:Check = @{ Type = 'HTTP'; Address = '198.51.100.10'; Port = 80; Path = '/health'; Interval = 10; Threshold = 3 }
    $script:Pair = @{ HostedZoneId = $Zone; RecordName = 'App.Example.com'; Primary = '198.51.100.10'; Secondary = $S3Site; SecondaryAliasHostedZoneId = $S3Zone }

    # Route 53's REST API as the unchecked admin (the sandbox does not verify signatures), for setting the scene and reading back.
    function script:Invoke-RawRoute53([string] $Method, [string] $Path, [string] $Body) {
        $date = [DateTime]::UtcNow
        $headers = @{
            Authorization = "AWS4-HMAC-SHA256 Credential=AKIDSANDBOXADMIN/$($date.ToString('yyyyMMdd'))/us-east-1/route53/aws4_request, SignedHeaders=host;x-amz-date, Signature=$('0' * 64)"
            'X-Amz-Date'  = $date.ToString("yyyyMMdd'T'HHmmss'Z'")
        }
        $extra = @{}
        if ($Body) { $extra.Body = $Body; $extra.ContentType = 'text/xml' }
        $response = Invoke-WebRequest -Uri ($Sandbox.EndpointUrl.TrimEnd('/') + "/2013-04-01/$Path") -Method $Method -Headers $headers @extra -SkipHttpErrorCheck -SkipHeaderValidation
        [pscustomobject]@{ StatusCode = [int]$response.StatusCode; Xml = [xml]$response.Content }
    }

    # The records of one name as Route 53 holds them (admin view).
    function script:Get-RawRecord([string] $ZoneId = $Zone, [string] $RecordName = $Name) {
        $answer = Invoke-RawRoute53 GET "hostedzone/$ZoneId/rrset?name=$RecordName"
        @($answer.Xml.ListResourceRecordSetsResponse.ResourceRecordSets.ResourceRecordSet | Where-Object { $_ -and $_.Name -eq $RecordName })
    }

    function script:Send-RawChange([string] $ZoneId, [string] $Action, [string] $RecordXml) {
        $body = "<?xml version=`"1.0`" encoding=`"UTF-8`"?><ChangeResourceRecordSetsRequest xmlns=`"https://route53.amazonaws.com/doc/2013-04-01/`">" +
        "<ChangeBatch><Changes><Change><Action>$Action</Action>$RecordXml</Change></Changes></ChangeBatch></ChangeResourceRecordSetsRequest>"
        (Invoke-RawRoute53 POST "hostedzone/$ZoneId/rrset" $body).StatusCode | Should -Be 200
    }

    # Deletes every record of the name (each exactly as listed, as Route 53 requires).
    function script:Clear-Name([string] $ZoneId = $Zone, [string] $RecordName = $Name) {
        foreach ($record in Get-RawRecord $ZoneId $RecordName) { Send-RawChange $ZoneId DELETE $record.OuterXml }
        Get-RawRecord $ZoneId $RecordName | Should -BeNullOrEmpty
    }

    function script:Route53Calls([long] $Mark) { @(Get-CdpCallSince -Mark $Mark | Where-Object Service -eq 'route53') }
    $script:Changing = 'ChangeResourceRecordSets', 'CreateHealthCheck', 'DeleteHealthCheck'
}

AfterAll { Stop-CdpSandbox }

Describe 'Set-Route53Failover creates a failover pair with a new health check and an S3 website fallback' {
    BeforeAll {
        Clear-Name
        Set-PatternSandbox -Route53ChangeDelaySec 0
        $script:Mark = Get-CdpCallMark
        $script:Result = Set-Route53Failover @Pair -HealthCheck $Check @As
        $script:Calls = Route53Calls $Mark
    }

    It 'returns one typed DnsFailoverResult with the normalised name, both sides and the new health check' {
        $Result | Should -HaveCount 1
        $Result | Should -BeOfType ([CloudDesignPatterns.Model.Dns.DnsFailoverResult])
        $Result.RecordName | Should -Be $Name
        $Result.ZoneName | Should -Be 'example.com.'
        $Result.Mode | Should -Be 'FailoverPair'
        $Result.Primary | Should -Be '198.51.100.10'
        $Result.Secondary | Should -Be "$S3Site."
        $Result.SecondaryAliasHostedZoneId | Should -Be $S3Zone
        $Result.HealthCheckCreated | Should -BeTrue
        $Result.PrimaryHealthCheckId | Should -Match '^[0-9a-f-]{36}$'
        $Result.ChangeId | Should -Not -BeNullOrEmpty
        $Result.Changes | Should -HaveCount 3
    }

    It 'expects failover within the health check detection (10 s x 3) plus the TTL (60 s)' {
        $Result.ExpectedFailoverTime | Should -Be ([TimeSpan]::FromSeconds(90))
    }

    It 'sends the zone and record reads together, then the health check, one change batch and one read-back' {
        $actions = $Calls.Action
        @($actions[0..1] | Sort-Object) | Should -Be @('GetHostedZone', 'ListResourceRecordSets')
        $actions[2..4] | Should -Be @('CreateHealthCheck', 'ChangeResourceRecordSets', 'ListResourceRecordSets')
        $actions | Should -HaveCount 5
    }

    It 'leaves exactly a PRIMARY guarded by the health check and an alias SECONDARY, read back as the admin' {
        $records = @(Get-RawRecord)
        $records | Should -HaveCount 2
        $primary = $records | Where-Object Failover -eq 'PRIMARY'
        $primary.ResourceRecords.ResourceRecord.Value | Should -Be '198.51.100.10'
        $primary.TTL | Should -Be '60'
        $primary.HealthCheckId | Should -Be $Result.PrimaryHealthCheckId
        $secondary = $records | Where-Object Failover -eq 'SECONDARY'
        $secondary.AliasTarget.DNSName | Should -Be "$S3Site."
        $secondary.AliasTarget.HostedZoneId | Should -Be $S3Zone
    }

    It 'a second identical run sends nothing and reuses the health check' {
        $mark = Get-CdpCallMark
        $again = Set-Route53Failover @Pair -HealthCheck $Check @As
        $again.Status | Should -Be 'Unchanged'
        $again.Changes | Should -BeNullOrEmpty
        $again.ChangeId | Should -BeNullOrEmpty
        $again.HealthCheckCreated | Should -BeFalse
        $again.PrimaryHealthCheckId | Should -Be $Result.PrimaryHealthCheckId
        $calls = Route53Calls $mark
        $calls.Action | Where-Object { $_ -in $Changing } | Should -BeNullOrEmpty
        @($calls.Action | Sort-Object) | Should -Be @('GetHealthCheck', 'GetHostedZone', 'ListResourceRecordSets')
    }

    It 'a new primary address changes only the PRIMARY record, in one batch' {
        $moved = Set-Route53Failover @Pair -Primary 198.51.100.11 -HealthCheckId $Result.PrimaryHealthCheckId @As
        $moved.Changes | Should -HaveCount 1
        $moved.Changes[0] | Should -BeLike 'UPSERT PRIMARY app.example.com. A 198.51.100.11*'
        (Get-RawRecord | Where-Object Failover -eq 'PRIMARY').ResourceRecords.ResourceRecord.Value | Should -Be '198.51.100.11'
    }
}

Describe 'Set-Route53Failover replaces records in one atomic batch' {
    BeforeEach { Clear-Name; Set-PatternSandbox -Route53ChangeDelaySec 0 }

    It 'turns a simple record into the pair: DELETE SIMPLE then both UPSERTs, and no simple record is left' {
        Send-RawChange $Zone CREATE "<ResourceRecordSet><Name>$Name</Name><Type>A</Type><TTL>300</TTL><ResourceRecords><ResourceRecord><Value>192.0.2.1</Value></ResourceRecord></ResourceRecords></ResourceRecordSet>"
        $mark = Get-CdpCallMark
        $result = Set-Route53Failover @Pair -Secondary 198.51.100.20 -SecondaryAliasHostedZoneId $null -HealthCheck $Check @As
        $result.Changes | Select-Object -Skip 1 | Should -Be @(
            'DELETE SIMPLE app.example.com. A 192.0.2.1 ttl 300',
            "UPSERT PRIMARY app.example.com. A 198.51.100.10 ttl 60 health check $($result.PrimaryHealthCheckId)",
            'UPSERT SECONDARY app.example.com. A 198.51.100.20 ttl 60')
        @((Route53Calls $mark).Action | Where-Object { $_ -eq 'ChangeResourceRecordSets' }) | Should -HaveCount 1
        $records = @(Get-RawRecord)
        $records | Should -HaveCount 2
        $records.Failover | Sort-Object | Should -Be @('PRIMARY', 'SECONDARY')
    }

    It '-SwitchTo Secondary replaces the pair by one simple record with the secondary, and expects the TTL alone' {
        Set-Route53Failover @Pair -Secondary 198.51.100.20 -SecondaryAliasHostedZoneId $null -HealthCheck $Check @As | Out-Null
        $switched = Set-Route53Failover -HostedZoneId $Zone -RecordName $Name -Primary 198.51.100.10 -Secondary 198.51.100.20 -SwitchTo Secondary -Ttl 30 @As
        $switched.Mode | Should -Be 'Switch'
        $switched.ActiveSide | Should -Be 'Secondary'
        $switched.ExpectedFailoverTime | Should -Be ([TimeSpan]::FromSeconds(30))
        ($switched.Changes | Where-Object { $_ -like 'DELETE *' }) | Should -HaveCount 2
        $records = @(Get-RawRecord)
        $records | Should -HaveCount 1
        $records[0].SelectSingleNode('*[local-name()="Failover"]') | Should -BeNullOrEmpty
        $records[0].ResourceRecords.ResourceRecord.Value | Should -Be '198.51.100.20'
        $back = Set-Route53Failover -HostedZoneId $Zone -RecordName $Name -Primary 198.51.100.10 -Secondary 198.51.100.20 -SwitchTo Primary -Ttl 30 @As
        $back.Changes | Should -Be @('UPSERT SIMPLE app.example.com. A 198.51.100.10 ttl 30')
        @(Get-RawRecord)[0].ResourceRecords.ResourceRecord.Value | Should -Be '198.51.100.10'
    }

    It '-WhatIf sends no change and creates no health check' {
        $mark = Get-CdpCallMark
        $result = Set-Route53Failover @Pair -HealthCheck $Check -WhatIf @As
        $result | Should -BeNullOrEmpty
        (Route53Calls $mark).Action | Where-Object { $_ -in $Changing } | Should -BeNullOrEmpty
        Get-RawRecord | Should -BeNullOrEmpty
    }
}

Describe 'Set-Route53Failover -Wait polls GetChange with a growing interval' {
    BeforeEach { Clear-Name }
    AfterEach { Set-PatternSandbox -Route53ChangeDelaySec 0 }

    It 'waits until INSYNC with few polls (3 s PENDING: polls at about 1, 2.5 and 4.75 s)' {
        Set-PatternSandbox -Route53ChangeDelaySec 3
        $mark = Get-CdpCallMark
        $result = Set-Route53Failover @Pair -Wait @As -WarningAction SilentlyContinue
        $result.Status | Should -Be 'INSYNC'
        $polls = @((Route53Calls $mark).Action | Where-Object { $_ -eq 'GetChange' })
        $polls.Count | Should -BeGreaterOrEqual 2
        $polls.Count | Should -BeLessOrEqual 4
    }

    It 'reports a change still PENDING at -TimeoutSec as ChangeNotInSync (OperationTimeout) after writing the result' {
        Set-PatternSandbox -Route53ChangeDelaySec 30
        $result = Set-Route53Failover @Pair -Wait -TimeoutSec 2 @As -WarningAction SilentlyContinue -ErrorVariable errors -ErrorAction SilentlyContinue
        $result.Status | Should -Be 'PENDING'
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ChangeNotInSync,*'
        $errors[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        Get-RawRecord | Should -HaveCount 2
    }
}

Describe 'Set-Route53Failover says when failover will be slow or cannot happen' {
    BeforeEach { Clear-Name; Set-PatternSandbox -Route53ChangeDelaySec 0 }

    It 'warns that a TTL over a minute keeps the failed side in caches' {
        $result = Set-Route53Failover @Pair -HealthCheck $Check -Ttl 300 @As -WarningVariable warnings -WarningAction SilentlyContinue
        $result.ExpectedFailoverTime | Should -Be ([TimeSpan]::FromSeconds(330))
        ($warnings -join ' ') | Should -Match 'TTL 300 s'
    }

    It 'warns that a pair without a health check never fails over' {
        Set-Route53Failover @Pair @As -WarningVariable warnings -WarningAction SilentlyContinue | Out-Null
        ($warnings -join ' ') | Should -Match 'never fails over'
    }
}

Describe 'Set-Route53Failover -ZoneName tells a split-horizon pair apart' {
    BeforeAll { Set-PatternSandbox -Route53ChangeDelaySec 0 }

    It 'refuses a name that matches a public and a private zone, naming both, before any change' {
        $mark = Get-CdpCallMark
        $err = Get-CdpError { Set-Route53Failover -ZoneName example.com -RecordName $Name -Primary 10.0.1.10 -Secondary 10.0.2.10 -SwitchTo Primary @As -ErrorAction Stop }
        $err.FullyQualifiedErrorId | Should -BeLike 'HostedZoneAmbiguous,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -Match $Zone
        $err.Exception.Message | Should -Match $PrivateZoneId
        (Route53Calls $mark).Action | Should -Be @('ListHostedZonesByName')
    }

    It '-PrivateZone and -VpcId both pick the private zone' -ForEach @(@{ Pick = @{ PrivateZone = $true } }, @{ Pick = @{ VpcId = 'vpc-0a1b2c3d4e5f60001' } }) {
        Clear-Name $PrivateZoneId
        $result = Set-Route53Failover -ZoneName example.com @Pick -RecordName $Name -Primary 10.0.1.10 -Secondary 10.0.2.10 -SwitchTo Secondary -Ttl 10 @AsPrivate
        $result.HostedZoneId | Should -Be $PrivateZoneId
        $result.PrivateZone | Should -BeTrue
        @(Get-RawRecord $PrivateZoneId)[0].ResourceRecords.ResourceRecord.Value | Should -Be '10.0.2.10'
    }
}

Describe 'Set-Route53Failover refuses bad input with a clear error before any change' {
    BeforeAll { Clear-Name }

    It '<Case>: <Id>, with no call at all' -ForEach @(
        @{ Case = 'TTL out of range'; Id = 'InvalidTtl'; Extra = @{ Ttl = -1 } }
        @{ Case = 'an A value that is not an address'; Id = 'InvalidRecordValue'; Extra = @{ Primary = 'web-1.example.com' } }
        @{ Case = 'an AAAA value that is IPv4'; Id = 'InvalidRecordValue'; Extra = @{ Type = 'AAAA' } }
        @{ Case = 'a health check on a private address'; Id = 'InvalidHealthCheck'; Extra = @{ HealthCheck = @{ Address = '10.0.1.10' } } }
        @{ Case = 'a health check interval Route 53 does not offer'; Id = 'InvalidHealthCheck'; Extra = @{ HealthCheck = @{ Address = '198.51.100.10'; Interval = 20 } } }
        @{ Case = 'a health check setting that does not exist'; Id = 'InvalidHealthCheck'; Extra = @{ HealthCheck = @{ Address = '198.51.100.10'; Timeout = 5 } } }
        @{ Case = 'a health check id that is not one'; Id = 'InvalidHealthCheckId'; Extra = @{ HealthCheckId = 'hc-1' } }
        @{ Case = 'a malformed zone id'; Id = 'InvalidHostedZoneId'; Extra = @{ HostedZoneId = 'example.com' } }
    ) {
        $mark = Get-CdpCallMark
        $splat = $Pair.Clone()
        foreach ($key in $Extra.Keys) { $splat[$key] = $Extra[$key] }
        $err = Get-CdpError { Set-Route53Failover @splat @As -ErrorAction Stop }
        $err.FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        Route53Calls $mark | Should -BeNullOrEmpty
    }

    It '<Case>: <Id>, after the reads and before any change' -ForEach @(
        @{ Case = 'a name outside the zone'; Id = 'RecordNotInZone'; Extra = @{ RecordName = 'app.example.org' } }
        @{ Case = 'a CNAME at the zone apex'; Id = 'CnameAtApex'; Extra = @{ RecordName = 'example.com'; Type = 'CNAME'; Primary = 'web.example.net'; Secondary = 'static.example.net'; SecondaryAliasHostedZoneId = $null } }
    ) {
        $mark = Get-CdpCallMark
        $splat = $Pair.Clone()
        foreach ($key in $Extra.Keys) { $splat[$key] = $Extra[$key] }
        $err = Get-CdpError { Set-Route53Failover @splat @As -ErrorAction Stop }
        $err.FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        (Route53Calls $mark).Action | Where-Object { $_ -in $Changing } | Should -BeNullOrEmpty
    }

    It 'an unknown -HealthCheckId is Route 53''s NoSuchHealthCheck (ObjectNotFound), before any change' {
        $mark = Get-CdpCallMark
        $err = Get-CdpError { Set-Route53Failover @Pair -HealthCheckId 00000000-0000-0000-0000-000000000000 @As -ErrorAction Stop }
        $err.FullyQualifiedErrorId | Should -BeLike 'AwsCallFailed.NoSuchHealthCheck,*'
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        (Route53Calls $mark).Action | Where-Object { $_ -in $Changing } | Should -BeNullOrEmpty
    }
}

Describe 'The Route53Failover role narrowed to one zone and its names' {
    It 'cannot change another name of its zone: PermissionDenied naming route53:ChangeResourceRecordSets' {
        Clear-Name $Zone 'www.example.com.'
        $err = Get-CdpError { Set-Route53Failover @Pair -RecordName www.example.com @As -ErrorAction Stop -WarningAction SilentlyContinue }
        $err.CategoryInfo.Category | Should -Be 'PermissionDenied'
        $err.Exception.Message | Should -Match 'route53:ChangeResourceRecordSets'
        Get-RawRecord $Zone 'www.example.com.' | Should -BeNullOrEmpty
    }

    It 'cannot read another zone' {
        $err = Get-CdpError { Set-Route53Failover -HostedZoneId Z0CDP0000INTERNAL1 -RecordName app.corp.internal -Primary 10.0.1.10 -Secondary 10.0.2.10 -SwitchTo Primary @As -ErrorAction Stop }
        $err.CategoryInfo.Category | Should -Be 'PermissionDenied'
        # The zone and its records are read together: either refusal may come back first.
        $err.Exception.Message | Should -Match 'route53:(GetHostedZone|ListResourceRecordSets) on Z0CDP0000INTERNAL1'
    }

    It 'is published with the zone ARN and the names in its condition' {
        $policy = Get-PatternIamPolicy Route53Failover -HostedZoneId $Zone -RecordName App.Example.com.
        $policy.Json | Should -Match "arn:aws:route53:::hostedzone/$Zone"
        $policy.Json | Should -Match '"route53:ChangeResourceRecordSetsNormalizedRecordNames"'
        $policy.Json | Should -Match '"app.example.com"'
        (Get-PatternIamPolicy Route53Failover).Json | Should -Match 'hostedzone/\*'
    }
}

Describe 'Runbook sample: the primary fails its health check and Route 53 answers with the secondary' {
    BeforeAll {
        Clear-Name
        Set-PatternSandbox -Route53ChangeDelaySec 0
        $script:Set = Set-Route53Failover @Pair -HealthCheck $Check @As
    }
    AfterAll { Set-PatternSandbox -HealthCheckId $Set.PrimaryHealthCheckId -HealthCheckStatus Healthy }

    It 'answers with the primary while its health check passes' {
        $status = Get-Route53Failover -HostedZoneId $Zone -RecordName $Name @Monitor
        $status | Should -BeOfType ([CloudDesignPatterns.Model.Dns.DnsFailoverStatus])
        $status.Primary.Health | Should -Be 'Healthy'
        $status.Secondary.Health | Should -Be 'NotChecked'
        $status.Answering | Should -Be 'Primary'
        $status.AnswerValue | Should -Be '198.51.100.10'
    }

    It 'answers with the secondary once the primary is unhealthy' {
        Set-PatternSandbox -HealthCheckId $Set.PrimaryHealthCheckId -HealthCheckStatus Unhealthy
        $status = Get-Route53Failover -HostedZoneId $Zone -RecordName $Name @Monitor
        $status.Primary.Health | Should -Be 'Unhealthy'
        $status.Primary.HealthDetail | Should -Be '0 of 3 checkers report success'
        $status.Answering | Should -Be 'Secondary'
        $status.AnswerValue | Should -Be "$S3Site."
    }

    It 'binds the Set result to Get by property name, and reads only' {
        $mark = Get-CdpCallMark
        $status = $Set | Get-Route53Failover @Monitor
        $status.RecordName | Should -Be $Name
        (Route53Calls $mark).Action | Should -Be @('GetHostedZone', 'ListResourceRecordSets', 'GetHealthCheckStatus')
    }
}

Describe 'Set-Route53Failover -Self registers this instance from its cdp:dns:* tags' {
    BeforeAll {
        Clear-Name
        Set-PatternSandbox -Route53ChangeDelaySec 0 -CurrentInstanceId $Seed.Web1
        $script:Web1Ip = (Get-PatternInstanceMetadata).PrivateIpAddress
        $script:AsSelf = (Register-CdpPrincipal -AccessKeyId AKIDDNSSELF `
                -Policy (Get-PatternIamPolicy Route53Failover -HostedZoneId $PrivateZoneId -RecordName app.example.com)).Splat
        Set-CdpResourceTag $Sandbox.EndpointUrl $Seed.Web1 @{ 'cdp:dns:hosted-zone-id' = $PrivateZoneId; 'cdp:dns:record-name' = 'app.example.com'; 'cdp:dns:ttl' = '20' }
    }
    AfterAll { Remove-CdpResourceTag $Sandbox.EndpointUrl $Seed.Web1 'cdp:dns:hosted-zone-id', 'cdp:dns:record-name', 'cdp:dns:ttl' }

    It 'takes the zone, name and TTL from the tags and its private address from instance metadata' {
        Clear-Name $PrivateZoneId
        $result = Set-Route53Failover -Self -Secondary 10.0.2.10 -SwitchTo Primary @AsSelf
        $result.HostedZoneId | Should -Be $PrivateZoneId
        $result.RecordName | Should -Be $Name
        $result.Ttl | Should -Be 20
        $result.Primary | Should -Be $Web1Ip
        @(Get-RawRecord $PrivateZoneId)[0].ResourceRecords.ResourceRecord.Value | Should -Be $Web1Ip
    }

    It 'lets a typed -Ttl win over the tag' {
        (Set-Route53Failover -Self -Secondary 10.0.2.10 -SwitchTo Primary -Ttl 5 @AsSelf).Ttl | Should -Be 5
    }
}
