#!/usr/bin/env python3
"""Generate the "Northwind Data Handling Handbook" test fixture in six formats.

All formats are rendered from the single SECTIONS data structure below, so the
visible text (title, headings, paragraphs, bullet items, table cells) is the
same in every file:

    handbook.html          full web page with nav/header/footer/script boilerplate
    handbook.md            Markdown, paragraphs hard-wrapped at 72 columns
    handbook.txt           plain text, ISO-8859-1, hard-wrapped at 72 columns
    handbook.docx          LibreOffice export of an intermediate flat ODT (.fodt)
    handbook.pdf           LibreOffice export of the same .fodt
    handbook.eml           RFC 822 mail, text/plain UTF-8, quoted-printable
    handbook-edited.txt    handbook.txt with one sentence inserted in section 18
    expected.json          the canonical plain text, for test assertions

Usage (from this folder):  python3 generate.py
Requirements: Python 3 standard library, LibreOffice (`soffice`) on PATH or at
/usr/bin/soffice. `pdftotext`/`pdfinfo` (poppler-utils) are used, if present,
to verify the PDF.

Source text conventions: paragraphs may contain a little inline Markdown
(**bold**, *emphasis*, [link text](url)). Every renderer shows the same
visible words; only the Markdown file keeps the markup characters.
"""

import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
from email import policy
from email.message import EmailMessage
from xml.sax.saxutils import escape as xml_escape

HERE = os.path.dirname(os.path.abspath(__file__))
WRAP = 72

TITLE = "Northwind Data Handling Handbook"
RUNNING_HEADER = "Northwind Data Handling Handbook - Internal"
CODE_WORD = "QUOKKA-7731"

# Section 18 ("Audit Trail Requirements"), paragraph index 1: the edited
# variant inserts this sentence after the second sentence of that paragraph.
EDIT_SECTION = "Audit Trail Requirements"
EDIT_PARAGRAPH = 1
EDIT_AFTER_SENTENCE = 2
EDIT_SENTENCE = "Quarterly audits also cover the archived snapshots."

# ---------------------------------------------------------------------------
# Content. One dict per section: heading, paragraphs, optional bullets,
# optional table (first row is the header row).
# ---------------------------------------------------------------------------
SECTIONS = [
    {
        "heading": "Purpose and Scope",
        "paragraphs": [
            "This handbook describes how Northwind Traders collects, stores, shares, and deletes data in the course of its business. It applies to every employee, contractor, and temporary worker who can reach company systems, whether they work at headquarters, in one of the four regional warehouses, or from home. Where a local law sets a stricter rule than this handbook, the stricter rule applies and the regional legal counsel must be informed.",
            "The handbook is owned by the [Data Governance Team](https://example.com/governance/team) and reviewed at least once a year. Questions about its interpretation go to José Müller, the data protection officer based in the Zürich office. Requests for changes should be raised through the governance ticket queue so that every proposed change is recorded, discussed, and approved before it is published to staff.",
            "Managers are expected to walk new team members through the handbook during their first two weeks. Reading it once is not enough, because the rules change as new systems are introduced and old ones are retired. Every section describes concrete expectations, and those expectations are exactly what the internal auditors will check when they review a department or a system.",
        ],
    },
    {
        "heading": "Roles and Responsibilities",
        "paragraphs": [
            "Every dataset at Northwind has a named data owner, usually the head of the department that creates or relies on it. The owner decides who may access the data, approves its classification, and signs off on its retention period. Ownership cannot be delegated to a shared mailbox or a vendor, and when an owner leaves the company the role passes to their line manager until a successor is named.",
            "Data stewards handle the daily work on behalf of owners. They maintain the entry in the data catalog, answer questions from analysts, and coordinate fixes when quality problems are found. Each of the eleven business units has at least one steward, and the steward community meets every second Thursday to share lessons and agree on common definitions for shared fields such as customer region and order status.",
            "Custodians are the engineers who run the platforms where data lives, such as the Postgres clusters, the Snowflake warehouse, and the document archive. They apply the controls that owners request but do not decide who gets access. If a custodian receives an access request directly, they must redirect it to the owner rather than granting it on their own judgment.",
        ],
    },
    {
        "heading": "Data Classification Levels",
        "paragraphs": [
            "Northwind uses four classification levels: Public, Internal, Confidential, and **Restricted**. Public data may be shared with anyone and includes press releases and published price lists. Internal data is meant for employees and covers most day-to-day documents such as meeting notes and project plans. If you are not sure which level applies, treat the data as Confidential until the owner confirms the correct label.",
            "Confidential data includes customer contact details, supplier contracts, and unpublished financial results. It may only be stored in approved systems and shared with people who have a business need. Restricted data is the most sensitive category and covers payment card numbers, health information about employees, and credentials. Restricted data requires encryption, named access, and a documented approval from the data owner for every new use.",
            "Labels must be applied when a document or dataset is created, not later. Documents in the shared drive carry the label in their page header, and tables in the warehouse carry it as a catalog tag. Automated scanners check a sample of 500 files every night and open a ticket when they find a file whose content does not match its label.",
        ],
    },
    {
        "heading": "Data Retention Periods",
        "paragraphs": [
            "Data must not be kept longer than it is needed for the purpose it was collected for, or longer than the law requires. Each data class has a default retention period that is set by its owner and approved by the legal team. Systems that hold personal data must be able to delete or anonymize records automatically once the retention period ends.",
            "The retention clock starts when the business relationship ends, not when the record was created. For a customer, that is the date of the last order or the date the account was closed, whichever is later. Legal holds override retention periods, and the legal team will tell custodians in writing when a hold starts and when it is lifted.",
            "The table below lists the default periods for the most common data classes. Owners who need a different period must file an exception, as described later in this handbook, and explain the business or legal reason. Periods are reviewed every two years to reflect changes in tax law and in the way the business uses its data.",
        ],
        "table": [
            ["Data class", "Retention", "Owner"],
            ["Customer records", "7 years", "Customer Operations"],
            ["Payroll records", "10 years", "Finance"],
            ["Web server logs", "90 days", "Platform Engineering"],
        ],
    },
    {
        "heading": "Access Reviews",
        "paragraphs": [
            "Access to every Confidential or Restricted system is reviewed each quarter by the data owner. The identity team exports the current list of accounts, groups, and roles from the directory and sends it to the owner on the first business day of January, April, July, and October. Owners have fifteen business days to confirm each entry or mark it for removal.",
            "Accounts that are not confirmed within the deadline are disabled automatically, and the owner must file a new request to restore them. This rule exists because past reviews showed that unanswered entries were almost always stale. In the 2023 reviews, about 340 accounts were removed, most of them belonging to people who had changed roles but kept their old permissions.",
            "Privileged accounts, such as database administrators and domain administrators, are reviewed monthly instead of quarterly. The security team also compares the list of privileged accounts against the HR system every night and raises an alert when it finds an account belonging to someone who has left the company or is on extended leave.",
        ],
    },
    {
        "heading": "Password and Credential Rules",
        "paragraphs": [
            "Passwords for company accounts must be at least 14 characters long and must not be reused from any other service. Staff are encouraged to use passphrases made of several unrelated words, which are easier to remember and harder to guess. The company password manager is installed on every laptop, and it is the only approved place to store passwords for shared accounts.",
            "Passwords are no longer changed on a fixed schedule, because forced rotation tends to produce weak and predictable choices. A password must be changed immediately if there is any sign that it was exposed, for example after a phishing attempt or when it appears in a breach notification from the monitoring service. The service desk can force a reset on request at any time.",
            "API keys, database passwords, and certificates used by applications are stored in the secrets vault and never in source code, configuration files, or chat messages. The code scanning pipeline rejects any commit that appears to contain a secret. If a secret is committed by mistake, it must be rotated at once, even if the commit was removed shortly afterwards.",
        ],
    },
    {
        "heading": "Multi-Factor Authentication",
        "paragraphs": [
            "Multi-factor authentication is required for email, the VPN, the HR portal, the finance system, and every administrative console. The approved second factors are the company authenticator app and hardware security keys. Text message codes are accepted only as a temporary fallback for up to seven days while a replacement device is being set up by the service desk.",
            "Hardware security keys are mandatory for the 60 people with administrative access to production systems. Each of them receives two keys, one for daily use and one kept in a sealed envelope in the office safe. Lost keys must be reported to the service desk within four hours so that they can be revoked before someone else tries to use them.",
            "Prompts for a second factor that you did not trigger are a warning sign, because they usually mean that someone else knows your password. Never approve such a prompt, even if it keeps appearing. Deny it, change your password straight away, and report the event to the security team so that they can review the login history of the account.",
        ],
    },
    {
        "heading": "Encryption at Rest",
        "paragraphs": [
            "All laptops, servers, and cloud storage volumes must use full disk encryption. Laptops use the built-in operating system encryption, and the recovery keys are escrowed automatically in the device management service. A laptop that reports encryption as disabled is blocked from the corporate network until the issue is fixed, and the owner receives an email explaining the steps.",
            "Databases that hold Confidential or Restricted data must also encrypt sensitive columns at the application level. Payment card numbers are tokenized by the payment provider and never stored by Northwind in clear form. Encryption keys are held in the cloud key management service, rotated every 12 months, and accessible only to the service accounts that need them.",
            "Backups inherit the classification of the data they contain and must be encrypted with the same strength as the source. The platform team checks the encryption status of every storage bucket and volume once a week. Any unencrypted resource found during the check is reported to its owner and must be fixed within five business days.",
        ],
    },
    {
        "heading": "Encryption in Transit",
        "paragraphs": [
            "Data sent over any network must be encrypted with TLS version 1.2 or later. This applies to internal traffic between services as well as to traffic that leaves the company, because the internal network is not considered trusted. Certificates are issued by the internal certificate authority for internal services and by a public authority for customer-facing websites.",
            "Files sent to partners must use the managed file transfer service or an encrypted link from the document platform. Sending Confidential files as plain email attachments is not allowed, even to trusted partners. When a partner cannot receive files through either channel, the data owner must approve an alternative method in writing and record the decision in the vendor file.",
            "Internal services that talk to each other inside the Kubernetes platform use mutual TLS, which is enforced by the service mesh. Certificates for these services are rotated every 30 days without manual work. Teams must not add exceptions to the mesh policy that allow plain connections, and the platform team reviews the policy configuration every month to make sure no such exception has slipped in.",
        ],
    },
    {
        "heading": "Customer Data Requests",
        "paragraphs": [
            "Customers may ask to see, correct, export, or delete the personal data that Northwind holds about them. All such requests arrive through the privacy form on the website or through the customer service team, and they are logged in the privacy request tracker. The legal deadline is usually 30 days, and the internal target is to close requests within 20 days.",
            "Before any data is released, the customer service team must verify the identity of the person making the request. Verification normally uses the email address on file and a recent order number. Requests made on behalf of someone else, for example by a lawyer or a family member, require written authorization and are always reviewed by the privacy office.",
            "Deletion requests must reach every system that holds the customer's data, including the marketing platform, the support tool, and the analytics warehouse. The privacy office keeps a list of these systems and updates it when new tools are introduced. Records that must be kept for tax reasons are restricted rather than deleted, and the customer is told which records were kept and why.",
        ],
    },
    {
        "heading": "Backup Schedules",
        "paragraphs": [
            "Production databases are backed up every night at 01:00 UTC, with transaction logs shipped every 15 minutes. Full backups are kept for 35 days and monthly snapshots for 13 months. File shares and the document archive are backed up once a day, and the backups are copied to a second cloud region so that a regional outage does not affect recovery.",
            "Each system owner must confirm that their system appears in the backup inventory and that the schedule matches the recovery point objective agreed with the business. Systems that are missing from the inventory are not backed up by default. The platform team publishes a weekly report of failed backup jobs, and any job that fails three nights in a row is treated as an incident.",
            "Restoring from backup is tested every month by the platform team, which picks five systems at random and restores a recent backup into a sandbox account. The restored data is checked against record counts taken at backup time. A backup that cannot be restored is worth nothing, so failed restore tests are handled with the same priority as failed backup jobs.",
        ],
    },
    {
        "heading": "Disaster Recovery Testing",
        "paragraphs": [
            "Every critical system must have a written recovery plan that names the people involved, the order of recovery steps, and the expected recovery time. The plan must be stored in a place that remains reachable when the main systems are down, which is why printed copies are kept in the operations room at the Leeds warehouse as well as in the wiki.",
            "Recovery plans are tested twice a year. At least one test per year must be a full restore into an isolated environment, not just a review of the document. Test results, including the actual time taken and any steps that failed, are recorded in the resilience register and presented to the risk committee at its next meeting.",
            "When a test reveals a gap, the system owner has 60 days to fix it and schedule a follow-up test. The most common findings in recent years were outdated contact lists and restore scripts that depended on people who had left the company. Keeping the plan short and current is more valuable than making it long and detailed.",
        ],
    },
    {
        "heading": "Vendor Risk Assessments",
        "paragraphs": [
            "Before Northwind shares Confidential or Restricted data with a vendor, the procurement team must complete a risk assessment together with the security team. The assessment covers the vendor's certifications, its data locations, its subcontractors, and its history of incidents. Vendors that will only receive Public or Internal data follow a shorter questionnaire that takes about a week to complete.",
            "Contracts with vendors that process personal data must include a data processing agreement approved by the legal team. The agreement sets out what the vendor may do with the data, how quickly it must report incidents, and how the data will be returned or destroyed at the end of the contract. No data may be sent to a vendor until the agreement is signed.",
            "High-risk vendors are reassessed every year and all others every three years. The vendor register in the procurement system lists the current rating, the date of the last assessment, and the internal owner of each relationship. Owners must tell procurement when the scope of a vendor relationship grows, because a larger scope can change the risk rating.",
        ],
    },
    {
        "heading": "Logging and Monitoring",
        "paragraphs": [
            "Systems that handle Confidential or Restricted data must send security logs to the central logging platform. At a minimum, logs must record sign-ins, failed sign-in attempts, changes to permissions, and exports of large datasets. Logs must include the time in UTC, the account involved, and the source address, so that events from different systems can be correlated during an investigation.",
            "The security operations team monitors the logging platform around the clock, with help from an external partner outside office hours. Alert rules are reviewed every quarter to remove noisy rules and add rules for new threats. Application teams must not disable logging to save cost or improve performance without written approval from the security team.",
            "Logs may themselves contain personal data, such as email addresses and IP addresses, so access to the logging platform is limited to the security team, the platform team, and named developers who need it for troubleshooting. Log data is kept for one year in searchable form and then deleted, unless it is part of an open investigation.",
        ],
    },
    {
        "heading": "Secure Software Development",
        "paragraphs": [
            "Every code change to a production system must be reviewed by at least one engineer other than the author before it is merged. Reviewers check for correctness and also for security issues such as missing input validation, unsafe queries, and secrets in code. The build pipeline runs dependency scanning and static analysis on every merge request and blocks merges that introduce critical findings.",
            "Engineering teams must keep third-party libraries up to date. Critical vulnerabilities in dependencies must be fixed within 14 days and high vulnerabilities within 30 days. Teams that cannot meet these deadlines must document the reason and a mitigation plan, and the application security group reviews each of these cases at its fortnightly meeting with the engineering managers.",
            "New services that will process Restricted data need a threat model before development starts. The threat model is a short document that lists the data flows, the trust boundaries, and the main risks, together with the controls that address them. The application security group offers a two-hour workshop to help teams write their first threat model.",
        ],
    },
    {
        "heading": "Change Management",
        "paragraphs": [
            "Changes to production systems are tracked in the change calendar. Standard changes, such as routine deployments through the pipeline, are pre-approved and only need to be logged. Normal changes need approval from the system owner and a second engineer, and major changes that affect several systems or customers are reviewed by the change board, which meets every Tuesday and Thursday.",
            "Each change record must describe what will change, how it will be tested, how it can be rolled back, and who will be available if something goes wrong. Changes are not allowed during the freeze period from 20 November to 5 January, when order volumes are highest, unless the change fixes an incident or a security vulnerability.",
            "Emergency changes may be made without prior approval when a system is down or under active attack. The engineer making the change must record it in the change calendar within one business day and explain why the normal process could not be followed. The change board reviews every emergency change at its next meeting to decide whether further action is needed.",
        ],
    },
    {
        "heading": "Laptop and Device Security",
        "paragraphs": [
            "Company laptops are managed centrally and receive security updates automatically. Staff must restart their laptop at least once a week so that updates can be installed, and the device management service reminds them when a restart is overdue. Installing software that is not in the company software catalog requires approval from the service desk.",
            "Personal phones may be used for email and chat only if they are enrolled in the mobile management app, which creates a separate work profile. The company can wipe the work profile remotely but cannot see personal photos or messages. Phones that run an operating system version that no longer receives security updates cannot be enrolled.",
            "Lost or stolen devices must be reported to the service desk as quickly as possible, ideally within one hour. The service desk will lock the device and, if it is not recovered within 24 hours, wipe it remotely. Staff will not be disciplined for losing a device, but failing to report a loss is treated as a serious breach of this handbook.",
        ],
        "bullets": [
            "Lock your screen whenever you leave your desk.",
            "Never disable the firewall or the antivirus software.",
            "Keep your laptop with you when travelling, never in checked luggage.",
            "Connect to public wireless networks only through the company VPN.",
        ],
    },
    {
        "heading": "Audit Trail Requirements",
        "paragraphs": [
            "Systems that process financial transactions, personal data, or Restricted data must keep an audit trail of who created, changed, or deleted each record. The audit trail must be tamper-evident, which means that entries cannot be altered by the people whose actions they record. Most systems meet this rule by writing audit events to the central logging platform in addition to their own database.",
            "Audit trails are kept for seven years for financial systems and for three years for all other systems. Internal audit reviews a sample of audit trails every quarter. The review checks that entries are complete, that timestamps are accurate, and that no gaps exist in the sequence of events. Findings are reported to the system owner and tracked until they are closed.",
            "When a system is retired, its audit trail must be exported to the archive before the system is switched off. The archive keeps the exported records in a read-only format, and the owner of the retired system remains responsible for them until the retention period ends. Decommissioning checklists include a step that asks the owner to confirm the export.",
        ],
    },
    {
        "heading": "Incident Detection",
        "paragraphs": [
            "A data incident is any event in which data may have been lost, exposed, changed without authorization, or made unavailable. Examples include a misdirected email containing customer data, a lost laptop, a ransomware infection, and a misconfigured storage bucket. Every employee is responsible for reporting a suspected incident, even if they are not sure whether it is serious.",
            "Incidents can be reported through the security hotline, the incident form on the intranet, or by email to the security team. The hotline is staffed at all times. When in doubt, *report first* and investigate later, because the first hours after an incident are often the most important for limiting the damage and for preserving evidence.",
            "Automated detection complements reports from staff. The security operations team receives alerts from the logging platform, the endpoint protection tool, and the cloud security posture service. Each alert is triaged within 30 minutes during office hours and within one hour at other times, and alerts that are confirmed as incidents are handed to the incident manager on duty.",
        ],
    },
    {
        "heading": "Incident Escalation",
        "paragraphs": [
            "Incidents are rated on a scale from severity 4, the lowest, to severity 1, the highest. The incident manager assigns the initial rating within one hour of the report and can raise or lower it as more facts become known. Severity 1 and severity 2 incidents are escalated immediately to the head of security and to the on-call lead for the affected platform.",
            "For severity 1 incidents, the incident manager opens a bridge call and pages the on-call lead through the alerting tool. Use the bridge code " + CODE_WORD + " when paging the on-call lead, so that the call is routed to the priority queue and is not mistaken for a routine alert. The bridge code is rotated every quarter and announced in this section.",
            "The chief information officer and the general counsel must be informed of every severity 1 incident within two hours. Executive updates are sent every four hours until the incident is contained. All severity 1 and severity 2 incidents end with a written review that lists the timeline, the root cause, and the actions agreed to prevent a repeat.",
        ],
    },
    {
        "heading": "Breach Notification",
        "paragraphs": [
            "If an incident involves personal data, the privacy office decides whether it must be reported to a supervisory authority. Under the data protection laws that apply to most of our customers, a reportable breach must be notified within 72 hours of the moment Northwind becomes aware of it. The clock starts when the incident is confirmed, not when the investigation is complete.",
            "Affected individuals must be told without undue delay when a breach is likely to cause them serious harm. The notification must explain what happened, which data was involved, what Northwind is doing about it, and what the individual can do to protect themselves. Templates for these notices are kept by the privacy office and reviewed by the communications team once a year.",
            "Contracts with some business customers require faster notification, in a few cases within 24 hours. The account management team keeps a list of these obligations in the customer contract register. The incident manager must check the register at the start of every incident involving customer data so that no contractual deadline is missed.",
        ],
    },
    {
        "heading": "Remote Work Guidelines",
        "paragraphs": [
            "Staff working from home or while travelling must use the company VPN to reach internal systems. Confidential documents should not be opened in public places where others can read the screen, such as trains, cafes, and airport lounges. Privacy screen filters are available from the service desk for anyone who regularly works in shared spaces.",
            "Home printers may not be used to print Confidential or Restricted documents. Video calls that discuss Confidential topics should take place in a room where the conversation cannot be overheard, and smart speakers in the room should be muted. Family members and guests must not use company devices for any purpose, including short tasks such as checking the weather.",
            "Working from another country for more than ten working days in a calendar year needs approval from the People Team and the security team. Some countries restrict the use of encryption software or require devices to be inspected at the border. The security team can provide a travel laptop with no stored data for trips to these countries.",
        ],
    },
    {
        "heading": "Removable Media",
        "paragraphs": [
            "USB drives, external hard disks, and memory cards are blocked by default on company laptops. Staff who need removable media for their work, for example to exchange files with a laboratory or a trade show partner, must request an exception through the service desk. Exceptions are granted for a maximum of 90 days and only for encrypted devices issued by the company.",
            "Restricted data must **never** be copied to removable media. Confidential data may be copied only to company-issued encrypted drives, and the copy must be deleted as soon as the task is finished. Drives that are no longer needed must be returned to the service desk, which wipes them and records their serial numbers in the asset register.",
            "Removable media received from outside the company, such as drives handed out at conferences or sent by partners, must never be connected to a company laptop. Such media may contain malware that runs as soon as the drive is plugged in. Hand any unknown device to the service desk, which inspects it on an isolated workstation and returns the files if they are safe.",
        ],
    },
    {
        "heading": "Data Minimization",
        "paragraphs": [
            "Teams should collect only the data they need for a clearly defined purpose. Before a new form, survey, or data feed is launched, the data owner must confirm that each field is necessary and record the purpose in the data catalog. Optional fields must be marked as optional, and people must be able to use the service without filling them in.",
            "Existing datasets must be reviewed when their purpose changes. A dataset that was collected to fulfill orders cannot simply be reused for marketing or for training machine learning models without a new assessment by the privacy office. In many cases the new purpose can be met with aggregated or anonymized data, which carries far less risk than the original records.",
            "Free-text fields are a common source of unexpected personal data. Customer service agents are trained not to record health details, political opinions, or payment card numbers in case notes. The support tool scans new notes for card numbers and masks any it finds, and stewards review a sample of notes each month for other sensitive content.",
        ],
    },
    {
        "heading": "Test Data Management",
        "paragraphs": [
            "Production data must not be copied into development or test environments. Test environments have weaker access controls and are used by a larger group of people, including contractors, so a copy of production data there would undermine the controls described in this handbook. Teams should use synthetic data generated by the test data service whenever they need realistic records.",
            "If a defect can only be reproduced with production data, the engineer must request a masked extract from the data platform team. Masked extracts replace names, addresses, email addresses, and phone numbers with realistic but fictional values while keeping the structure of the data intact. Extracts are deleted automatically after 30 days, and the request is logged for audit purposes.",
            "Synthetic data sets are maintained by the quality engineering team and refreshed every release cycle. They cover edge cases that rarely appear in real data, such as customers with very long names, orders with hundreds of lines, and addresses in every country where Northwind ships. Teams that need new kinds of test records can request them through the quality engineering board.",
        ],
    },
    {
        "heading": "Analytics and Reporting",
        "paragraphs": [
            "The analytics warehouse is the single approved location for combining data from different business systems. Analysts work with pseudonymized customer identifiers and do not see names or contact details unless their role requires it. Dashboards that show data about individual customers or employees must be marked Confidential and shared only with named groups, never with the whole company.",
            "Reports that are published outside the analytics team must suppress small numbers. Any cell in a table that counts fewer than ten people must be hidden or combined with a neighboring cell, because small counts can make it possible to identify individuals. The reporting guild maintains a checklist for publishing reports and a library of approved dashboard templates.",
            "Exports from the warehouse to spreadsheets are allowed for Internal data but discouraged for Confidential data. When an export is necessary, the file must be stored in the shared drive rather than on a laptop, and it must be deleted when the analysis is complete. Large exports of more than 100,000 rows trigger a notification to the data owner.",
        ],
    },
    {
        "heading": "Cloud Storage Buckets",
        "paragraphs": [
            "Cloud storage buckets are created through the infrastructure pipeline, which applies the company baseline automatically. The baseline blocks public access, enables encryption and versioning, and sends access logs to the central logging platform. Buckets created by hand in the cloud console are detected within an hour by the posture service and flagged to the platform team for review.",
            "A bucket may only be made public for hosting static website content, and only after approval from the security team. Each bucket must carry tags that name the owning team, the data classification, and the cost center. Untagged buckets are listed in a weekly report, and buckets that remain untagged for 30 days are locked until an owner claims them.",
            "Deleting a bucket that holds Confidential data requires a second approval from the data owner, because versioned objects and access logs may still be needed for audits. The infrastructure pipeline enforces this rule by refusing deletions that lack the approval tag. Buckets that are no longer needed are first emptied by lifecycle rules and then removed during the monthly cleanup.",
        ],
    },
    {
        "heading": "Email and Messaging",
        "paragraphs": [
            "Email and the company chat tool are the approved channels for day-to-day communication. Confidential information may be sent by email to internal recipients, but it must not be sent to personal email accounts, including your own. The email gateway warns senders when a message to an external address appears to contain customer lists, payment data, or identity numbers.",
            "Chat channels are convenient but make it easy to overshare. Channels that include external guests are marked with a yellow banner, and staff should check the banner before posting. Messages in chat are kept for two years and then deleted automatically, so chat must not be used as the only record of an important decision or approval.",
            "Phishing remains the most common way that attackers get into company systems. Staff should treat unexpected attachments and links with suspicion, even when the message appears to come from a colleague. The report button in the email client sends a suspicious message to the security team for analysis and removes it from the inbox.",
        ],
    },
    {
        "heading": "Printing and Paper Records",
        "paragraphs": [
            "Printing should be kept to a minimum, and Confidential documents should only be printed when there is no practical alternative. Office printers hold jobs until the user taps their badge at the printer, which prevents printed pages from lying unattended in the output tray. Printed Restricted documents must be collected immediately and stored in a locked cabinet when not in use.",
            "Paper records that must be kept, such as signed contracts and original invoices, are stored in the records room at headquarters and indexed in the records management system. The records team scans incoming paper within five business days and sends the originals to the offsite archive operated by our storage partner, where they are kept for the retention period.",
        ],
    },
    {
        "heading": "Data Disposal",
        "paragraphs": [
            "When data reaches the end of its retention period, it must be deleted or anonymized in a way that cannot be reversed. Deletion jobs run automatically in most systems, and each system owner must confirm once a year that the jobs are working. Manual deletion is allowed only when it is recorded in the disposal log with the date, the dataset, and the person responsible.",
            "Hardware that stored company data is disposed of through the certified recycling partner, which provides a certificate of destruction for every disk. Paper is disposed of in the locked shredding bins found on every floor, which are emptied weekly. The following rules apply to everyone who handles data at the end of its life.",
        ],
        "bullets": [
            "Never throw Confidential paper documents in ordinary waste bins.",
            "Return all old laptops, phones, and drives to the service desk.",
            "Do not keep private copies of data deleted from company systems.",
            "Ask the records team before destroying any signed original.",
        ],
    },
    {
        "heading": "Physical Office Security",
        "paragraphs": [
            "All Northwind offices and warehouses use badge access, and badges must be worn visibly at all times. Visitors are signed in at reception, receive a temporary badge, and must be accompanied by their host while they are inside the building. Tailgating, which means following someone through a secured door without using your own badge, is not allowed, even for colleagues you know.",
            "Server rooms and network cabinets are locked and open only to the facilities and platform teams. Access to these rooms is logged and reviewed monthly. Clean desk rules apply in all offices, so Confidential papers and unlocked laptops must not be left on desks overnight, and whiteboards must be wiped after meetings that discussed Confidential topics.",
        ],
    },
    {
        "heading": "Third-Party Data Sharing",
        "paragraphs": [
            "Sharing data with a third party that is not a contracted vendor, such as a research partner, a regulator, or a prospective acquirer, needs approval from the data owner and the legal team. The approval must state what data will be shared, for what purpose, for how long, and how the recipient will protect it. Approvals are recorded in the data sharing register.",
            "Requests from law enforcement or government agencies must be forwarded to the legal team immediately and must not be answered directly by the person who received them. The legal team checks that the request is valid and that it covers only the data that the agency is entitled to receive. Northwind publishes a summary of such requests each year.",
            "Data shared for research should be anonymized whenever possible. When anonymization is not possible, the recipient must sign a data sharing agreement that forbids attempts to identify individuals and requires the data to be deleted at the end of the project. The data owner is responsible for checking that the deletion has happened.",
        ],
    },
    {
        "heading": "Training and Awareness",
        "paragraphs": [
            "All staff complete data protection and security training within their first 30 days and then once a year. The training takes about 45 minutes and covers the key rules in this handbook, how to recognize phishing, and how to report an incident. Completion is tracked in the learning platform, and managers receive a monthly list of team members whose training is overdue.",
            "Engineers, analysts, and customer service agents complete additional role-based modules. The security team also runs simulated phishing campaigns about six times a year. People who click on a simulated phishing link are offered a short refresher, and repeated clicks are discussed privately with their manager rather than reported publicly. The aim is to learn, not to embarrass anyone.",
            "Teams are encouraged to discuss real examples from their own work in short sessions led by the security champions. Each department has at least one champion, who receives extra training and acts as the first point of contact for questions about this handbook. Champions meet once a month with the security team to share common questions and suggest improvements to the training.",
        ],
    },
    {
        "heading": "Policy Exceptions",
        "paragraphs": [
            "Sometimes a rule in this handbook cannot be followed for a good business reason, for example because a legacy system does not support a required control. In these cases the system owner must request an exception through the governance ticket queue. The request must describe the rule, the reason, the risk, and the compensating controls that will reduce that risk.",
            "Exceptions are approved by the head of security for technical rules and by the data protection officer for privacy rules. Every exception has an end date no more than 12 months away. When the end date approaches, the owner must either confirm that the gap is closed or request a renewal with an updated plan. Expired exceptions are reported to the risk committee.",
            "All current exceptions are listed in the exception register, which is visible to every employee. Listing them openly helps teams learn from each other and shows where the handbook may need to change. If the same exception is requested by several teams, the Data Governance Team reviews whether the rule itself is still sensible and proposes an update to the risk committee.",
        ],
    },
    {
        "heading": "Enforcement and Discipline",
        "paragraphs": [
            "Breaking the rules in this handbook may lead to disciplinary action, up to and including dismissal, depending on the seriousness of the breach and whether it was deliberate. Contractors who break the rules may have their contracts ended. Honest mistakes that are reported promptly are treated as learning opportunities, and nobody will be punished for reporting their own error in good faith.",
            "Staff who report a concern about data handling by a colleague or a manager are protected from retaliation. Concerns can be raised with the data protection officer, the head of security, or the confidential ethics line operated by an independent provider. Every report is acknowledged within five business days, and the reporter is told the outcome where the law allows.",
        ],
    },
    {
        "heading": "Document Control",
        "paragraphs": [
            "This is version 4.2 of the handbook, approved by the risk committee on 14 May 2024. It replaces version 4.1 and all earlier versions, which are kept in the document archive for reference. The main changes in this version are new rules for test data, an updated retention table, and a shorter deadline for reporting lost devices.",
            "The next scheduled review is due in May 2025. Staff who find an error or an outdated rule are encouraged to report it through the governance ticket queue. Minor corrections, such as fixing a broken link or updating a team name, may be published without a full review, but every change is listed in the revision history on the [governance portal](https://example.com/governance).",
        ],
    },
]

# ---------------------------------------------------------------------------
# Inline markup handling
# ---------------------------------------------------------------------------
_INLINE_RE = re.compile(
    r"\*\*(?P<strong>[^*]+)\*\*"
    r"|\*(?P<em>[^*]+)\*"
    r"|\[(?P<ltext>[^\]]+)\]\((?P<href>[^)\s]+)\)"
)


def parse_inline(s):
    """Split a source string into (kind, text, href) segments."""
    out, pos = [], 0
    for m in _INLINE_RE.finditer(s):
        if m.start() > pos:
            out.append(("text", s[pos:m.start()], None))
        if m.group("strong") is not None:
            out.append(("strong", m.group("strong"), None))
        elif m.group("em") is not None:
            out.append(("em", m.group("em"), None))
        else:
            out.append(("link", m.group("ltext"), m.group("href")))
        pos = m.end()
    if pos < len(s):
        out.append(("text", s[pos:], None))
    return out


def plain(s):
    return "".join(t for _, t, _ in parse_inline(s))


def html_inline(s):
    parts = []
    for kind, text, href in parse_inline(s):
        t = html.escape(text, quote=False)
        if kind == "strong":
            parts.append("<strong>%s</strong>" % t)
        elif kind == "em":
            parts.append("<em>%s</em>" % t)
        elif kind == "link":
            parts.append('<a href="%s">%s</a>' % (html.escape(href), t))
        else:
            parts.append(t)
    return "".join(parts)


def fodt_inline(s):
    parts = []
    for kind, text, href in parse_inline(s):
        t = xml_escape(text)
        if kind == "strong":
            parts.append('<text:span text:style-name="Strong_20_Emphasis">%s</text:span>' % t)
        elif kind == "em":
            parts.append('<text:span text:style-name="Emphasis">%s</text:span>' % t)
        elif kind == "link":
            parts.append('<text:a xlink:type="simple" xlink:href="%s" '
                         'text:style-name="Internet_20_link">%s</text:a>'
                         % (xml_escape(href, {'"': "&quot;"}), t))
        else:
            parts.append(t)
    return "".join(parts)


def wrap(s, width=WRAP, protect_markup=False):
    """Hard-wrap one paragraph. Never breaks on hyphens (so QUOKKA-7731 and
    words like on-call stay whole). With protect_markup, Markdown spans are
    kept on one line."""
    if protect_markup:
        s = _INLINE_RE.sub(lambda m: m.group(0).replace(" ", "\x00"), s)
    lines = textwrap.wrap(s, width=width, break_long_words=False,
                          break_on_hyphens=False)
    return [ln.replace("\x00", " ") for ln in lines]


def split_sentences(p):
    return re.split(r"(?<=\.) (?=[A-Z])", p)


# ---------------------------------------------------------------------------
# Renderers
# ---------------------------------------------------------------------------
def render_text(sections):
    """Plain text (used for .txt, the edited .txt and the e-mail body)."""
    out = [TITLE, ""]
    for sec in sections:
        out += [sec["heading"], ""]
        for p in sec["paragraphs"]:
            out += wrap(plain(p)) + [""]
        if sec.get("bullets"):
            for b in sec["bullets"]:
                out += wrap("- " + plain(b))
            out.append("")
        if sec.get("table"):
            for row in sec["table"]:
                out.append(" | ".join(row))
            out.append("")
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


def render_markdown(sections):
    out = ["# " + TITLE, ""]
    for sec in sections:
        out += ["## " + sec["heading"], ""]
        for p in sec["paragraphs"]:
            out += wrap(p, protect_markup=True) + [""]
        if sec.get("bullets"):
            for b in sec["bullets"]:
                lines = wrap("- " + b, protect_markup=True)
                out += [lines[0]] + ["  " + ln for ln in lines[1:]]
            out.append("")
        if sec.get("table"):
            header, rows = sec["table"][0], sec["table"][1:]
            out.append("| " + " | ".join(header) + " |")
            out.append("|" + "|".join("---" for _ in header) + "|")
            for row in rows:
                out.append("| " + " | ".join(row) + " |")
            out.append("")
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


# Boilerplate for the HTML page. These words must NOT come from the handbook
# body (checked in validate()): an extractor that keeps them is wrong.
HTML_NAV = [("Home", "/"), ("Newsroom", "/news"), ("Careers", "/careers"),
            ("Cafeteria Menu", "/cafeteria"), ("Sitemap", "/sitemap")]
HTML_BANNER = "Northwind Intranet Portal"
HTML_BANNER_TAGLINE = "Welcome back! Check the canteen specials and upcoming holidays."
HTML_FOOTER = ("Copyright 2024 Northwind Traders Ltd. All rights reserved. "
               "Imprint, cookie preferences and accessibility statement.")
HTML_SCRIPT = """    window.dataLayer = window.dataLayer || [];
    function gtag() { dataLayer.push(arguments); }
    gtag('js', new Date());
    gtag('config', 'UA-000000-1', { anonymize_ip: true });
    document.addEventListener('DOMContentLoaded', function () {
      var banner = document.querySelector('.cookie-banner');
      if (banner && localStorage.getItem('cookiesAccepted')) { banner.remove(); }
    });"""


def render_html(sections):
    e = html.escape
    o = []
    o.append("<!DOCTYPE html>")
    o.append('<html lang="en">')
    o.append("<head>")
    o.append('  <meta charset="utf-8">')
    o.append('  <meta name="viewport" content="width=device-width, initial-scale=1">')
    o.append("  <title>%s | %s</title>" % (e(TITLE), e(HTML_BANNER)))
    o.append("  <style>")
    o.append("    body { font-family: sans-serif; margin: 0; }")
    o.append("    main { max-width: 46rem; margin: 2rem auto; }")
    o.append("    table { border-collapse: collapse; }")
    o.append("    th, td { border: 1px solid #999; padding: .25rem .5rem; }")
    o.append("  </style>")
    o.append("  <script>")
    o.append(HTML_SCRIPT)
    o.append("  </script>")
    o.append("</head>")
    o.append("<body>")
    o.append('  <header class="site-banner">')
    o.append('    <a class="logo" href="/">%s</a>' % e(HTML_BANNER))
    o.append("    <p>%s</p>" % e(HTML_BANNER_TAGLINE))
    o.append("  </header>")
    o.append('  <nav aria-label="Main menu">')
    o.append("    <ul>")
    for label, href in HTML_NAV:
        o.append('      <li><a href="%s">%s</a></li>' % (e(href), e(label)))
    o.append("    </ul>")
    o.append("  </nav>")
    o.append("  <main>")
    o.append("    <article>")
    o.append("      <h1>%s</h1>" % e(TITLE))
    for sec in sections:
        o.append("      <section>")
        o.append("        <h2>%s</h2>" % e(sec["heading"]))
        for p in sec["paragraphs"]:
            o.append("        <p>%s</p>" % html_inline(p))
        if sec.get("bullets"):
            o.append("        <ul>")
            for b in sec["bullets"]:
                o.append("          <li>%s</li>" % html_inline(b))
            o.append("        </ul>")
        if sec.get("table"):
            o.append("        <table>")
            o.append("          <tr>%s</tr>" % "".join(
                "<th>%s</th>" % e(c) for c in sec["table"][0]))
            for row in sec["table"][1:]:
                o.append("          <tr>%s</tr>" % "".join(
                    "<td>%s</td>" % e(c) for c in row))
            o.append("        </table>")
        o.append("      </section>")
    o.append("    </article>")
    o.append("  </main>")
    o.append("  <footer>")
    o.append("    <p>%s</p>" % e(HTML_FOOTER))
    o.append("  </footer>")
    o.append('  <script src="/static/analytics.js" defer></script>')
    o.append("  <script>")
    o.append("    console.log('portal ready');")
    o.append("  </script>")
    o.append("</body>")
    o.append("</html>")
    return "\n".join(o) + "\n"


FODT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:xlink="http://www.w3.org/1999/xlink"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:meta>
  <dc:title>@TITLE@</dc:title>
  <dc:creator>Data Governance Team</dc:creator>
  <dc:language>en-US</dc:language>
 </office:meta>
 <office:font-face-decls>
  <style:font-face style:name="DejaVu Serif" svg:font-family="'DejaVu Serif'" style:font-family-generic="roman" style:font-pitch="variable"/>
  <style:font-face style:name="DejaVu Sans" svg:font-family="'DejaVu Sans'" style:font-family-generic="swiss" style:font-pitch="variable"/>
 </office:font-face-decls>
 <office:styles>
  <style:default-style style:family="paragraph">
   <style:paragraph-properties fo:hyphenation-ladder-count="no-limit" style:writing-mode="lr-tb"/>
   <style:text-properties style:font-name="DejaVu Serif" fo:font-size="11pt" fo:language="en" fo:country="US" fo:hyphenate="false" fo:hyphenation-remain-char-count="2" fo:hyphenation-push-char-count="2"/>
  </style:default-style>
  <style:style style:name="Standard" style:family="paragraph" style:class="text"/>
  <style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph" style:parent-style-name="Standard" style:class="text">
   <style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.4cm" fo:line-height="115%" fo:text-align="start"/>
  </style:style>
  <style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard" style:next-style-name="Text_20_body" style:class="text">
   <style:paragraph-properties fo:margin-top="0.42cm" fo:margin-bottom="0.21cm" fo:keep-with-next="always"/>
   <style:text-properties style:font-name="DejaVu Sans" fo:font-size="14pt"/>
  </style:style>
  <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Heading" style:next-style-name="Text_20_body" style:default-outline-level="1" style:class="text">
   <style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.4cm"/>
   <style:text-properties fo:font-size="20pt" fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:parent-style-name="Heading" style:next-style-name="Text_20_body" style:default-outline-level="2" style:class="text">
   <style:paragraph-properties fo:margin-top="0.5cm" fo:margin-bottom="0.2cm"/>
   <style:text-properties fo:font-size="14pt" fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="List_20_Bullet" style:display-name="List Bullet" style:family="paragraph" style:parent-style-name="Text_20_body" style:class="list">
   <style:paragraph-properties fo:margin-bottom="0.1cm"/>
  </style:style>
  <style:style style:name="Table_20_Contents" style:display-name="Table Contents" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"/>
  <style:style style:name="Table_20_Heading" style:display-name="Table Heading" style:family="paragraph" style:parent-style-name="Table_20_Contents" style:class="extra">
   <style:text-properties fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="Header" style:family="paragraph" style:parent-style-name="Standard" style:class="extra">
   <style:paragraph-properties fo:text-align="center"/>
   <style:text-properties style:font-name="DejaVu Sans" fo:font-size="9pt"/>
  </style:style>
  <style:style style:name="Footer" style:family="paragraph" style:parent-style-name="Standard" style:class="extra">
   <style:paragraph-properties fo:text-align="center"/>
   <style:text-properties style:font-name="DejaVu Sans" fo:font-size="9pt"/>
  </style:style>
  <style:style style:name="Strong_20_Emphasis" style:display-name="Strong Emphasis" style:family="text">
   <style:text-properties fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="Emphasis" style:family="text">
   <style:text-properties fo:font-style="italic"/>
  </style:style>
  <style:style style:name="Internet_20_link" style:display-name="Internet link" style:family="text">
   <style:text-properties fo:color="#000080" style:text-underline-style="solid" style:text-underline-width="auto" style:text-underline-color="font-color"/>
  </style:style>
  <text:outline-style style:name="Outline">
   <text:outline-level-style text:level="1" style:num-format=""/>
   <text:outline-level-style text:level="2" style:num-format=""/>
  </text:outline-style>
  <text:list-style style:name="List_20_1" style:display-name="List 1">
   <text:list-level-style-bullet text:level="1" text:bullet-char="&#x2022;">
    <style:list-level-properties text:list-level-position-and-space-mode="label-alignment">
     <style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="0.635cm" fo:text-indent="-0.635cm" fo:margin-left="0.635cm"/>
    </style:list-level-properties>
   </text:list-level-style-bullet>
  </text:list-style>
 </office:styles>
 <office:automatic-styles>
  <style:page-layout style:name="pm1">
   <style:page-layout-properties fo:page-width="21.001cm" fo:page-height="29.7cm" style:print-orientation="portrait" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm"/>
   <style:header-style>
    <style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.6cm"/>
   </style:header-style>
   <style:footer-style>
    <style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.6cm"/>
   </style:footer-style>
  </style:page-layout>
  <style:style style:name="Tbl1" style:family="table">
   <style:table-properties style:width="16cm" table:align="left" fo:margin-top="0.2cm" fo:margin-bottom="0.4cm"/>
  </style:style>
  <style:style style:name="Tbl1.A" style:family="table-column">
   <style:table-column-properties style:column-width="5.5cm"/>
  </style:style>
  <style:style style:name="Tbl1.B" style:family="table-column">
   <style:table-column-properties style:column-width="4cm"/>
  </style:style>
  <style:style style:name="Tbl1.C" style:family="table-column">
   <style:table-column-properties style:column-width="6.5cm"/>
  </style:style>
  <style:style style:name="Tbl1.cell" style:family="table-cell">
   <style:table-cell-properties fo:padding="0.1cm" fo:border="0.5pt solid #000000"/>
  </style:style>
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="pm1">
   <style:header>
    <text:p text:style-name="Header">@HEADER@</text:p>
   </style:header>
   <style:footer>
    <text:p text:style-name="Footer">Page <text:page-number text:select-page="current">1</text:page-number> of <text:page-count>1</text:page-count></text:p>
   </style:footer>
  </style:master-page>
 </office:master-styles>
 <office:body>
  <office:text>
"""

FODT_TAIL = """  </office:text>
 </office:body>
</office:document>
"""


def render_fodt(sections):
    o = [FODT_HEAD.replace("@TITLE@", xml_escape(TITLE))
         .replace("@HEADER@", xml_escape(RUNNING_HEADER))]
    o.append('   <text:h text:style-name="Heading_20_1" text:outline-level="1">%s</text:h>'
             % xml_escape(TITLE))
    n_tables = 0
    for sec in sections:
        o.append('   <text:h text:style-name="Heading_20_2" text:outline-level="2">%s</text:h>'
                 % xml_escape(sec["heading"]))
        for p in sec["paragraphs"]:
            o.append('   <text:p text:style-name="Text_20_body">%s</text:p>' % fodt_inline(p))
        if sec.get("bullets"):
            o.append('   <text:list text:style-name="List_20_1">')
            for b in sec["bullets"]:
                o.append('    <text:list-item><text:p text:style-name="List_20_Bullet">%s</text:p></text:list-item>'
                         % fodt_inline(b))
            o.append("   </text:list>")
        if sec.get("table"):
            n_tables += 1
            rows = sec["table"]
            o.append('   <table:table table:name="Table%d" table:style-name="Tbl1">' % n_tables)
            for col in "ABC"[:len(rows[0])]:
                o.append('    <table:table-column table:style-name="Tbl1.%s"/>' % col)
            o.append("    <table:table-header-rows>")
            o.append("     <table:table-row>" + "".join(
                '<table:table-cell table:style-name="Tbl1.cell" office:value-type="string">'
                '<text:p text:style-name="Table_20_Heading">%s</text:p></table:table-cell>'
                % xml_escape(c) for c in rows[0]) + "</table:table-row>")
            o.append("    </table:table-header-rows>")
            for row in rows[1:]:
                o.append("    <table:table-row>" + "".join(
                    '<table:table-cell table:style-name="Tbl1.cell" office:value-type="string">'
                    '<text:p text:style-name="Table_20_Contents">%s</text:p></table:table-cell>'
                    % xml_escape(c) for c in row) + "</table:table-row>")
            o.append("   </table:table>")
    o.append(FODT_TAIL)
    return "\n".join(o)


def render_eml(text_body):
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"] = "Data Governance Team <governance@northwind.example>"
    msg["To"] = "All Staff <all-staff@northwind.example>"
    msg["Subject"] = TITLE
    msg["Date"] = "Mon, 03 Jun 2024 09:15:00 +0200"
    msg["Message-ID"] = "<handbook-v4.2-20240603@northwind.example>"
    body = ("Hi all, please find the current handbook below.\n\n"
            + text_body
            + "\n-- \nData Governance Team\n")
    msg.set_content(body, subtype="plain", charset="utf-8",
                    cte="quoted-printable")
    # set_content() adds MIME-Version and Content-Type/-Transfer-Encoding.
    return msg.as_bytes()


def edited_sections():
    secs = json.loads(json.dumps(SECTIONS))
    sec = next(s for s in secs if s["heading"] == EDIT_SECTION)
    sentences = split_sentences(sec["paragraphs"][EDIT_PARAGRAPH])
    sentences.insert(EDIT_AFTER_SENTENCE, EDIT_SENTENCE)
    sec["paragraphs"][EDIT_PARAGRAPH] = " ".join(sentences)
    return secs


def expected_json():
    return {
        "title": TITLE,
        "runningHeader": RUNNING_HEADER,
        "codeWord": CODE_WORD,
        "codeWordSection": next(s["heading"] for s in SECTIONS
                                if any(CODE_WORD in p for p in s["paragraphs"])),
        "edit": {"section": EDIT_SECTION, "paragraphIndex": EDIT_PARAGRAPH,
                 "insertedSentence": EDIT_SENTENCE,
                 "editedParagraph": plain(next(
                     s for s in edited_sections() if s["heading"] == EDIT_SECTION
                 )["paragraphs"][EDIT_PARAGRAPH])},
        "sections": [
            {
                "heading": s["heading"],
                "paragraphs": [plain(p) for p in s["paragraphs"]],
                "bullets": [plain(b) for b in s.get("bullets", [])],
                "table": s.get("table", []),
            }
            for s in SECTIONS
        ],
    }


# ---------------------------------------------------------------------------
# Validation of the source content
# ---------------------------------------------------------------------------
def words(s):
    return re.findall(r"[A-Za-z\u00C0-\u00FF0-9][A-Za-z\u00C0-\u00FF0-9'.,:-]*", s)


def validate():
    errors = []
    assert len(SECTIONS) == 36, len(SECTIONS)
    headings = [s["heading"] for s in SECTIONS]
    if len(set(headings)) != len(headings):
        errors.append("duplicate headings")
    total = len(TITLE.split())
    paragraphs_all = []
    for i, sec in enumerate(SECTIONS, 1):
        h = sec["heading"]
        if not 2 <= len(h.split()) <= 5 or not h[-1].isalnum():
            errors.append("bad heading %r" % h)
        if not 2 <= len(sec["paragraphs"]) <= 3:
            errors.append("section %d: %d paragraphs" % (i, len(sec["paragraphs"])))
        total += len(h.split())
        for p in sec["paragraphs"]:
            t = plain(p)
            n = len(t.split())
            total += n
            paragraphs_all.append(t)
            if not 40 <= n <= 90:
                errors.append("section %d (%s): paragraph has %d words: %s..." % (i, h, n, t[:40]))
            if not t.endswith("."):
                errors.append("section %d: paragraph does not end with period" % i)
        for b in sec.get("bullets", []):
            total += len(plain(b).split())
            if len("- " + b) > WRAP:
                errors.append("bullet longer than one line: %r" % b)
            if not plain(b).endswith("."):
                errors.append("bullet without period: %r" % b)
        for row in sec.get("table", []):
            total += sum(len(c.split()) for c in row)
    if not 6000 <= total <= 8000:
        errors.append("total words %d not in 6000..8000" % total)
    if [s["heading"] for s in SECTIONS].index("Incident Escalation") != 19:
        errors.append("Incident Escalation must be section 20")
    if [s["heading"] for s in SECTIONS].index(EDIT_SECTION) != 17:
        errors.append("%s must be section 18" % EDIT_SECTION)
    if sum(1 for s in SECTIONS if s.get("bullets")) != 2:
        errors.append("need exactly two bulleted sections")
    if sum(1 for s in SECTIONS if s.get("table")) != 1:
        errors.append("need exactly one table")

    everything = json.dumps(SECTIONS, ensure_ascii=False)
    if everything.count(CODE_WORD) != 1 or everything.count("QUOKKA") != 1:
        errors.append("code word must appear exactly once")
    if EDIT_SENTENCE in everything:
        errors.append("edit sentence already present")
    # Only Latin-1 letters, and only in one single sentence.
    non_ascii = {c for c in everything if ord(c) > 127}
    if not non_ascii or any(ord(c) > 255 for c in non_ascii):
        errors.append("non-ASCII must be Latin-1 only: %r" % non_ascii)
    na_sentences = [s for p in paragraphs_all for s in split_sentences(p)
                    if any(ord(c) > 127 for c in s)]
    if len(na_sentences) != 1:
        errors.append("non-ASCII characters must be in exactly one sentence: %r" % na_sentences)
    if re.search(r"[\u2018\u2019\u201c\u201d\u2013\u2014]|--", everything):
        errors.append("typographic punctuation found")

    # Boilerplate words of the HTML page that never appear in the body.
    body_words = {w.lower().strip(".,:") for w in words(TITLE + " " + " ".join(
        [s["heading"] for s in SECTIONS] + paragraphs_all
        + [plain(b) for s in SECTIONS for b in s.get("bullets", [])]
        + [c for s in SECTIONS for r in s.get("table", []) for c in r]))}
    for name, text in [("nav", " ".join(l for l, _ in HTML_NAV)),
                       ("header", HTML_BANNER + " " + HTML_BANNER_TAGLINE),
                       ("footer", HTML_FOOTER), ("script", HTML_SCRIPT)]:
        unique = {w.lower().strip(".,:") for w in words(text)} - body_words
        if not unique:
            errors.append("HTML %s boilerplate has no words absent from body" % name)
    return errors, total


def check_wrapped(name, text):
    """Wrapped continuation lines must not look like block markup."""
    errors = []
    lines = text.split("\n")
    for i in range(1, len(lines)):
        prev, ln = lines[i - 1], lines[i]
        if prev.strip() and ln.strip() and not prev.startswith(("- ", "|", "#")):
            if re.match(r"(- |\* |\+ |#|>|\||\d+[.)] )", ln):
                errors.append("%s line %d looks like markup: %r" % (name, i + 1, ln))
        if len(ln) > WRAP and not ln.startswith("|"):
            errors.append("%s line %d longer than %d" % (name, i + 1, WRAP))
    return errors


# ---------------------------------------------------------------------------
# LibreOffice conversion
# ---------------------------------------------------------------------------
def find_soffice():
    for c in ("soffice", "libreoffice", "/usr/bin/soffice"):
        p = shutil.which(c)
        if p:
            return p
    sys.exit("LibreOffice (soffice) not found; it is needed for the DOCX and PDF files")


def soffice_convert(soffice, src, fmt, outdir, profile_dir):
    cmd = [soffice, "-env:UserInstallation=file://" + profile_dir,
           "--headless", "--norestore", "--convert-to", fmt,
           "--outdir", outdir, src]
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       timeout=300)
    if r.returncode != 0:
        sys.exit("soffice failed (%d): %s" % (r.returncode, r.stdout.decode(errors="replace")))


def verify_pdf(path):
    if not shutil.which("pdftotext"):
        print("pdftotext not found; skipping PDF text check")
        return []
    errors = []
    txt = subprocess.run(["pdftotext", "-layout", path, "-"], check=True,
                         stdout=subprocess.PIPE).stdout.decode("utf-8")
    pages = txt.count("\f") + (0 if txt.endswith("\f") else 1)
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", path], check=True,
                              stdout=subprocess.PIPE).stdout.decode()
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    if txt.count(CODE_WORD) != 1:
        errors.append("PDF: code word found %d times" % txt.count(CODE_WORD))
    n_header = txt.count(RUNNING_HEADER)
    if n_header != pages:
        errors.append("PDF: running header on %d of %d pages" % (n_header, pages))
    for n in range(1, pages + 1):
        if "Page %d of %d" % (n, pages) not in txt:
            errors.append("PDF: footer 'Page %d of %d' missing" % (n, pages))
    for w in ("José Müller", "Zürich"):
        if w not in txt:
            errors.append("PDF: %r missing" % w)
    # Not fatal: LibreOffice may break a line after the hyphen of a compound
    # word (e.g. "on-" / "call"); report it so the text can be reworded.
    for ln in txt.splitlines():
        if re.search(r"[A-Za-z]-$", ln.rstrip()):
            print("warning: PDF line ends in a hyphenated compound: %r" % ln.strip())
    print("PDF: %d pages, header on %d pages" % (pages, n_header))
    return errors


# ---------------------------------------------------------------------------
def main():
    errors, total = validate()
    text = render_text(SECTIONS)
    text_edited = render_text(edited_sections())
    md = render_markdown(SECTIONS)
    errors += check_wrapped("handbook.txt", text)
    errors += check_wrapped("handbook.md", md)
    if errors:
        sys.exit("Content validation failed:\n  " + "\n  ".join(errors))
    print("content OK: 36 sections, %d words" % total)

    def write(name, data):
        path = os.path.join(HERE, name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    write("handbook.txt", text.encode("iso-8859-1"))
    write("handbook-edited.txt", text_edited.encode("iso-8859-1"))
    write("handbook.md", md.encode("utf-8"))
    write("handbook.html", render_html(SECTIONS).encode("utf-8"))
    write("handbook.eml", render_eml(text))
    write("expected.json", (json.dumps(expected_json(), indent=2, ensure_ascii=False)
                            + "\n").encode("utf-8"))

    soffice = find_soffice()
    with tempfile.TemporaryDirectory(prefix="handbook-gen-") as tmp:
        profile = os.path.join(tmp, "lo-profile")
        src = os.path.join(tmp, "handbook.fodt")
        with open(src, "w", encoding="utf-8") as f:
            f.write(render_fodt(SECTIONS))
        soffice_convert(soffice, src, 'docx:MS Word 2007 XML', tmp, profile)
        soffice_convert(soffice, src, "pdf:writer_pdf_Export", tmp, profile)
        for ext in ("docx", "pdf"):
            out = os.path.join(tmp, "handbook." + ext)
            if not os.path.exists(out):
                sys.exit("soffice did not produce " + out)
            shutil.copyfile(out, os.path.join(HERE, "handbook." + ext))

    errors = verify_pdf(os.path.join(HERE, "handbook.pdf"))
    if errors:
        sys.exit("PDF verification failed:\n  " + "\n  ".join(errors))
    for name in ("handbook.html", "handbook.md", "handbook.txt", "handbook.docx",
                 "handbook.pdf", "handbook.eml", "handbook-edited.txt", "expected.json"):
        print("%-22s %8d bytes" % (name, os.path.getsize(os.path.join(HERE, name))))


if __name__ == "__main__":
    main()
