// GENERATED from schemas/agent-config.schema.json by src/schema/standalone.ts. Do not edit:
// run `MCP_WARDEN_UPDATE_GENERATED=1 npx jest test/unit/schema` after changing the schema.
/* eslint-disable */
// @ts-nocheck
"use strict";
export const validate = validate10;
export default validate10;
const schema11 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://mcp-warden.dev/schemas/agent-config.schema.json","title":"mcp-warden agent config","description":"How the mcp-warden agent on a workstation finds and trusts the allowlist, and where it reports. Delivered by MDM, root-owned. Unknown keys are errors. Relative paths resolve against the folder of this file.","type":"object","additionalProperties":false,"required":["org","trust","allowlist"],"properties":{"$schema":{"description":"Optional: the URL or path of this schema, so that editors validate and complete the file.","type":"string"},"org":{"description":"Organisation name. An allowlist is accepted only if its `org` is exactly this.","type":"string","minLength":1,"maxLength":128},"trust":{"description":"The keys that may sign the allowlist, and how many of them must.","type":"object","additionalProperties":false,"required":["keys","threshold"],"properties":{"keys":{"description":"Trusted Ed25519 public keys (from `mcp-warden keygen`). Only public keys belong here.","type":"array","minItems":1,"maxItems":64,"items":{"$ref":"#/definitions/trustKey"}},"threshold":{"description":"How many distinct trusted keys must have signed the allowlist (a key signing twice counts once). At least 1, at most the number of keys.","type":"integer","minimum":1,"maximum":64}}},"allowlist":{"description":"Where the signed allowlist (a DSSE envelope from `mcp-warden allowlist sign`) comes from: a file, a URL, or both (the URL's copy wins when newer).","type":"object","additionalProperties":false,"properties":{"file":{"description":"Path of the envelope file, e.g. delivered by MDM next to this config.","type":"string","minLength":1,"maxLength":4096},"url":{"description":"HTTPS URL of the envelope, polled with conditional requests. http:// is accepted only for a loopback address (tests, a local proxy).","$ref":"#/definitions/secureUrl"},"pollSeconds":{"description":"Seconds between polls of `url`. Default 300.","type":"integer","minimum":10,"maximum":604800},"maxBytes":{"description":"Largest envelope accepted, in bytes. Default 1048576 (1 MiB).","type":"integer","minimum":1024,"maximum":67108864}},"allOf":[{"anyOf":[{"required":["file"]},{"required":["url"]}],"errorMessage":"needs `file`, `url`, or both"}]},"report":{"description":"Where drift events and heartbeats go (an `mcp-warden collector serve` endpoint). Without it, events stay in the local log and spool.","type":"object","additionalProperties":false,"required":["url"],"properties":{"url":{"description":"Collector base URL. HTTPS (http:// only for loopback).","$ref":"#/definitions/secureUrl"},"token":{"description":"Enrollment token, inline. Prefer `tokenFile` so the token is not in a file users can read.","type":"string","minLength":1,"maxLength":4096},"tokenFile":{"description":"Path of a file holding the enrollment token (keep it readable only by the agent's users' group or root).","type":"string","minLength":1,"maxLength":4096},"caFile":{"description":"PEM bundle of extra certificate authorities for a collector behind a private PKI.","type":"string","minLength":1,"maxLength":4096},"heartbeatSeconds":{"description":"Seconds between heartbeats. Default 3600.","type":"integer","minimum":60,"maximum":604800},"spoolMaxBytes":{"description":"Cap on the local spool of unsent events, in bytes. Default 10485760 (10 MiB); the oldest events are dropped (and counted) beyond it.","type":"integer","minimum":65536,"maximum":1073741824},"deviceId":{"description":"Override the device id the agent derives (e.g. to use the MDM's device serial). Every agent that reads this config (each user's, and `system apply` as root) then reports as this one id, and the collector enrols an id only once: set it only where a single agent reports from the machine.","type":"string","minLength":1,"maxLength":256}},"allOf":[{"not":{"required":["token","tokenFile"]},"errorMessage":"set either `token` or `tokenFile`, not both"}]},"discovery":{"description":"Where the agent looks for Claude Code project configs (.mcp.json, .claude/settings*.json) besides the projects ~/.claude.json lists.","type":"object","additionalProperties":false,"properties":{"roots":{"description":"Extra folders to scan for projects. `~` expands to the user's home.","type":"array","maxItems":256,"items":{"type":"string","minLength":1,"maxLength":4096}},"maxDepth":{"description":"Folder depth below each root. Default 4.","type":"integer","minimum":0,"maximum":32},"maxProjects":{"description":"Cap on projects considered. Default 5000.","type":"integer","minimum":1,"maximum":1000000},"maxFileBytes":{"description":"Byte cap per config file read. Default 67108864 (64 MiB; a real ~/.claude.json reaches tens of MB).","type":"integer","minimum":65536,"maximum":1073741824}}},"agent":{"description":"Tuning of the background agent.","type":"object","additionalProperties":false,"properties":{"fullPassSeconds":{"description":"Seconds between full passes (besides reacting to file changes). Default 300.","type":"integer","minimum":10,"maximum":86400},"debounceMs":{"description":"Milliseconds to wait after a change before acting. Default 50.","type":"integer","minimum":0,"maximum":60000},"notify":{"description":"Show a desktop notification when something of the user's is removed. Default true.","type":"boolean"}}},"exec":{"description":"How rewritten server entries start mcp-warden.","type":"object","additionalProperties":false,"properties":{"path":{"description":"Absolute path of the mcp-warden executable that rewritten entries run (`<path> exec --server …`). Default: the installed location for the OS.","type":"string","minLength":1,"maxLength":4096}}},"keychain":{"description":"Which OS keychain library to use.","type":"object","additionalProperties":false,"properties":{"backend":{"description":"`napi` (@napi-rs/keyring, default) or `keytar`. The two do not share items: switching is a migration.","type":"string","enum":["napi","keytar"]}}},"system":{"description":"What `mcp-warden system apply` writes into Claude Code's managed settings.","type":"object","additionalProperties":false,"properties":{"managedDir":{"description":"Claude Code's managed folder. Default per OS (/etc/claude-code, /Library/Application Support/ClaudeCode, C:\\Program Files\\ClaudeCode).","type":"string","minLength":1,"maxLength":4096},"dropInName":{"description":"File name of the drop-in under managed-settings.d. Default `50-mcp-warden.json`.","type":"string","pattern":"^[A-Za-z0-9._-]+\\.json$","maxLength":255,"errorMessage":"must be a plain file name ending in .json"}}},"log":{"description":"Logging of the agent and the commands (JSON lines in the state folder's logs/).","type":"object","additionalProperties":false,"properties":{"level":{"description":"`error`, `warn`, `info` (default) or `debug`.","type":"string","enum":["error","warn","info","debug"]}}}},"definitions":{"trustKey":{"description":"One trusted Ed25519 public key: inline PEM in `publicKey`, or a file in `publicKeyFile`.","type":"object","additionalProperties":false,"properties":{"publicKey":{"description":"SPKI PEM (`-----BEGIN PUBLIC KEY-----`), as `mcp-warden keygen` writes to NAME.pub.pem.","type":"string","minLength":1,"maxLength":16384},"publicKeyFile":{"description":"Path of an SPKI PEM file.","type":"string","minLength":1,"maxLength":4096},"name":{"description":"Label for humans (who holds the private key).","type":"string","maxLength":256}},"allOf":[{"oneOf":[{"required":["publicKey"]},{"required":["publicKeyFile"]}],"errorMessage":"needs exactly one of `publicKey` or `publicKeyFile`"}]},"secureUrl":{"type":"string","maxLength":2048,"format":"uri","pattern":"^(?:https://|http://(?:127\\.0\\.0\\.1|localhost|\\[::1\\])(?::[0-9]+)?(?:/|$))","errorMessage":"must be an https:// URL (http:// only for 127.0.0.1, localhost or [::1])"}}};
const schema12 = {"description":"One trusted Ed25519 public key: inline PEM in `publicKey`, or a file in `publicKeyFile`.","type":"object","additionalProperties":false,"properties":{"publicKey":{"description":"SPKI PEM (`-----BEGIN PUBLIC KEY-----`), as `mcp-warden keygen` writes to NAME.pub.pem.","type":"string","minLength":1,"maxLength":16384},"publicKeyFile":{"description":"Path of an SPKI PEM file.","type":"string","minLength":1,"maxLength":4096},"name":{"description":"Label for humans (who holds the private key).","type":"string","maxLength":256}},"allOf":[{"oneOf":[{"required":["publicKey"]},{"required":["publicKeyFile"]}],"errorMessage":"needs exactly one of `publicKey` or `publicKeyFile`"}]};
const schema13 = {"type":"string","maxLength":2048,"format":"uri","pattern":"^(?:https://|http://(?:127\\.0\\.0\\.1|localhost|\\[::1\\])(?::[0-9]+)?(?:/|$))","errorMessage":"must be an https:// URL (http:// only for 127.0.0.1, localhost or [::1])"};
const func2 = Object.prototype.hasOwnProperty;
const func3 = require("ajv/dist/runtime/ucs2length").default;
const formats0 = require("ajv-formats/dist/formats").fullFormats.uri;
const pattern0 = new RegExp("^(?:https://|http://(?:127\\.0\\.0\\.1|localhost|\\[::1\\])(?::[0-9]+)?(?:/|$))", "u");
const pattern2 = new RegExp("^[A-Za-z0-9._-]+\\.json$", "u");

function validate10(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://mcp-warden.dev/schemas/agent-config.schema.json" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.org === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "org"},message:"must have required property '"+"org"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.trust === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "trust"},message:"must have required property '"+"trust"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.allowlist === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "allowlist"},message:"must have required property '"+"allowlist"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema11.properties, key0))){
const err3 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.$schema !== undefined){
let data0 = data.$schema;
if(typeof data0 !== "string"){
const err4 = {instancePath:instancePath+"/$schema",schemaPath:"#/properties/%24schema/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.$schema.type,parentSchema:schema11.properties.$schema,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.org !== undefined){
let data1 = data.org;
if(typeof data1 === "string"){
if(func3(data1) > 128){
const err5 = {instancePath:instancePath+"/org",schemaPath:"#/properties/org/maxLength",keyword:"maxLength",params:{limit: 128},message:"must NOT have more than 128 characters",schema:128,parentSchema:schema11.properties.org,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(func3(data1) < 1){
const err6 = {instancePath:instancePath+"/org",schemaPath:"#/properties/org/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.org,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/org",schemaPath:"#/properties/org/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.org.type,parentSchema:schema11.properties.org,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.trust !== undefined){
let data2 = data.trust;
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
if(data2.keys === undefined){
const err8 = {instancePath:instancePath+"/trust",schemaPath:"#/properties/trust/required",keyword:"required",params:{missingProperty: "keys"},message:"must have required property '"+"keys"+"'",schema:schema11.properties.trust.required,parentSchema:schema11.properties.trust,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(data2.threshold === undefined){
const err9 = {instancePath:instancePath+"/trust",schemaPath:"#/properties/trust/required",keyword:"required",params:{missingProperty: "threshold"},message:"must have required property '"+"threshold"+"'",schema:schema11.properties.trust.required,parentSchema:schema11.properties.trust,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
for(const key1 in data2){
if(!((key1 === "keys") || (key1 === "threshold"))){
const err10 = {instancePath:instancePath+"/trust",schemaPath:"#/properties/trust/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.trust,data:data2};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data2.keys !== undefined){
let data3 = data2.keys;
if(Array.isArray(data3)){
if(data3.length > 64){
const err11 = {instancePath:instancePath+"/trust/keys",schemaPath:"#/properties/trust/properties/keys/maxItems",keyword:"maxItems",params:{limit: 64},message:"must NOT have more than 64 items",schema:64,parentSchema:schema11.properties.trust.properties.keys,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(data3.length < 1){
const err12 = {instancePath:instancePath+"/trust/keys",schemaPath:"#/properties/trust/properties/keys/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema11.properties.trust.properties.keys,data:data3};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
const len0 = data3.length;
for(let i0=0; i0<len0; i0++){
let data4 = data3[i0];
const _errs15 = errors;
let valid6 = false;
let passing0 = null;
const _errs16 = errors;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
if(data4.publicKey === undefined){
const err13 = {instancePath:instancePath+"/trust/keys/" + i0,schemaPath:"#/definitions/trustKey/allOf/0/oneOf/0/required",keyword:"required",params:{missingProperty: "publicKey"},message:"must have required property '"+"publicKey"+"'",schema:schema12.allOf[0].oneOf[0].required,parentSchema:schema12.allOf[0].oneOf[0],data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
var _valid0 = _errs16 === errors;
if(_valid0){
valid6 = true;
passing0 = 0;
}
const _errs17 = errors;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
if(data4.publicKeyFile === undefined){
const err14 = {instancePath:instancePath+"/trust/keys/" + i0,schemaPath:"#/definitions/trustKey/allOf/0/oneOf/1/required",keyword:"required",params:{missingProperty: "publicKeyFile"},message:"must have required property '"+"publicKeyFile"+"'",schema:schema12.allOf[0].oneOf[1].required,parentSchema:schema12.allOf[0].oneOf[1],data:data4};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
var _valid0 = _errs17 === errors;
if(_valid0 && valid6){
valid6 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid6 = true;
passing0 = 1;
}
}
if(!valid6){
const err15 = {instancePath:instancePath+"/trust/keys/" + i0,schemaPath:"#/definitions/trustKey/allOf/0/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf",schema:schema12.allOf[0].oneOf,parentSchema:schema12.allOf[0],data:data4};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
else {
errors = _errs15;
if(vErrors !== null){
if(_errs15){
vErrors.length = _errs15;
}
else {
vErrors = null;
}
}
}
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
for(const key2 in data4){
if(!(((key2 === "publicKey") || (key2 === "publicKeyFile")) || (key2 === "name"))){
const err16 = {instancePath:instancePath+"/trust/keys/" + i0,schemaPath:"#/definitions/trustKey/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema12,data:data4};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data4.publicKey !== undefined){
let data5 = data4.publicKey;
if(typeof data5 === "string"){
if(func3(data5) > 16384){
const err17 = {instancePath:instancePath+"/trust/keys/" + i0+"/publicKey",schemaPath:"#/definitions/trustKey/properties/publicKey/maxLength",keyword:"maxLength",params:{limit: 16384},message:"must NOT have more than 16384 characters",schema:16384,parentSchema:schema12.properties.publicKey,data:data5};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if(func3(data5) < 1){
const err18 = {instancePath:instancePath+"/trust/keys/" + i0+"/publicKey",schemaPath:"#/definitions/trustKey/properties/publicKey/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema12.properties.publicKey,data:data5};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
else {
const err19 = {instancePath:instancePath+"/trust/keys/" + i0+"/publicKey",schemaPath:"#/definitions/trustKey/properties/publicKey/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.publicKey.type,parentSchema:schema12.properties.publicKey,data:data5};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data4.publicKeyFile !== undefined){
let data6 = data4.publicKeyFile;
if(typeof data6 === "string"){
if(func3(data6) > 4096){
const err20 = {instancePath:instancePath+"/trust/keys/" + i0+"/publicKeyFile",schemaPath:"#/definitions/trustKey/properties/publicKeyFile/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema12.properties.publicKeyFile,data:data6};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if(func3(data6) < 1){
const err21 = {instancePath:instancePath+"/trust/keys/" + i0+"/publicKeyFile",schemaPath:"#/definitions/trustKey/properties/publicKeyFile/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema12.properties.publicKeyFile,data:data6};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
else {
const err22 = {instancePath:instancePath+"/trust/keys/" + i0+"/publicKeyFile",schemaPath:"#/definitions/trustKey/properties/publicKeyFile/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.publicKeyFile.type,parentSchema:schema12.properties.publicKeyFile,data:data6};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data4.name !== undefined){
let data7 = data4.name;
if(typeof data7 === "string"){
if(func3(data7) > 256){
const err23 = {instancePath:instancePath+"/trust/keys/" + i0+"/name",schemaPath:"#/definitions/trustKey/properties/name/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters",schema:256,parentSchema:schema12.properties.name,data:data7};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
else {
const err24 = {instancePath:instancePath+"/trust/keys/" + i0+"/name",schemaPath:"#/definitions/trustKey/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.name.type,parentSchema:schema12.properties.name,data:data7};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
}
else {
const err25 = {instancePath:instancePath+"/trust/keys/" + i0,schemaPath:"#/definitions/trustKey/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema12.type,parentSchema:schema12,data:data4};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
}
else {
const err26 = {instancePath:instancePath+"/trust/keys",schemaPath:"#/properties/trust/properties/keys/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.trust.properties.keys.type,parentSchema:schema11.properties.trust.properties.keys,data:data3};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data2.threshold !== undefined){
let data8 = data2.threshold;
if(!(((typeof data8 == "number") && (!(data8 % 1) && !isNaN(data8))) && (isFinite(data8)))){
const err27 = {instancePath:instancePath+"/trust/threshold",schemaPath:"#/properties/trust/properties/threshold/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.trust.properties.threshold.type,parentSchema:schema11.properties.trust.properties.threshold,data:data8};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
if((typeof data8 == "number") && (isFinite(data8))){
if(data8 > 64 || isNaN(data8)){
const err28 = {instancePath:instancePath+"/trust/threshold",schemaPath:"#/properties/trust/properties/threshold/maximum",keyword:"maximum",params:{comparison: "<=", limit: 64},message:"must be <= 64",schema:64,parentSchema:schema11.properties.trust.properties.threshold,data:data8};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
if(data8 < 1 || isNaN(data8)){
const err29 = {instancePath:instancePath+"/trust/threshold",schemaPath:"#/properties/trust/properties/threshold/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema11.properties.trust.properties.threshold,data:data8};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
}
}
else {
const err30 = {instancePath:instancePath+"/trust",schemaPath:"#/properties/trust/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.trust.type,parentSchema:schema11.properties.trust,data:data2};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data.allowlist !== undefined){
let data9 = data.allowlist;
const _errs31 = errors;
let valid9 = false;
const _errs32 = errors;
if(data9 && typeof data9 == "object" && !Array.isArray(data9)){
if(data9.file === undefined){
const err31 = {instancePath:instancePath+"/allowlist",schemaPath:"#/properties/allowlist/allOf/0/anyOf/0/required",keyword:"required",params:{missingProperty: "file"},message:"must have required property '"+"file"+"'",schema:schema11.properties.allowlist.allOf[0].anyOf[0].required,parentSchema:schema11.properties.allowlist.allOf[0].anyOf[0],data:data9};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
var _valid1 = _errs32 === errors;
valid9 = valid9 || _valid1;
if(!valid9){
const _errs33 = errors;
if(data9 && typeof data9 == "object" && !Array.isArray(data9)){
if(data9.url === undefined){
const err32 = {instancePath:instancePath+"/allowlist",schemaPath:"#/properties/allowlist/allOf/0/anyOf/1/required",keyword:"required",params:{missingProperty: "url"},message:"must have required property '"+"url"+"'",schema:schema11.properties.allowlist.allOf[0].anyOf[1].required,parentSchema:schema11.properties.allowlist.allOf[0].anyOf[1],data:data9};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
var _valid1 = _errs33 === errors;
valid9 = valid9 || _valid1;
}
if(!valid9){
const err33 = {instancePath:instancePath+"/allowlist",schemaPath:"#/properties/allowlist/allOf/0/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema11.properties.allowlist.allOf[0].anyOf,parentSchema:schema11.properties.allowlist.allOf[0],data:data9};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
else {
errors = _errs31;
if(vErrors !== null){
if(_errs31){
vErrors.length = _errs31;
}
else {
vErrors = null;
}
}
}
if(data9 && typeof data9 == "object" && !Array.isArray(data9)){
for(const key3 in data9){
if(!((((key3 === "file") || (key3 === "url")) || (key3 === "pollSeconds")) || (key3 === "maxBytes"))){
const err34 = {instancePath:instancePath+"/allowlist",schemaPath:"#/properties/allowlist/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.allowlist,data:data9};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
if(data9.file !== undefined){
let data10 = data9.file;
if(typeof data10 === "string"){
if(func3(data10) > 4096){
const err35 = {instancePath:instancePath+"/allowlist/file",schemaPath:"#/properties/allowlist/properties/file/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema11.properties.allowlist.properties.file,data:data10};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
if(func3(data10) < 1){
const err36 = {instancePath:instancePath+"/allowlist/file",schemaPath:"#/properties/allowlist/properties/file/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.allowlist.properties.file,data:data10};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
else {
const err37 = {instancePath:instancePath+"/allowlist/file",schemaPath:"#/properties/allowlist/properties/file/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.allowlist.properties.file.type,parentSchema:schema11.properties.allowlist.properties.file,data:data10};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
if(data9.url !== undefined){
let data11 = data9.url;
if(typeof data11 === "string"){
if(func3(data11) > 2048){
const err38 = {instancePath:instancePath+"/allowlist/url",schemaPath:"#/definitions/secureUrl/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters",schema:2048,parentSchema:schema13,data:data11};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
if(!pattern0.test(data11)){
const err39 = {instancePath:instancePath+"/allowlist/url",schemaPath:"#/definitions/secureUrl/pattern",keyword:"pattern",params:{pattern: "^(?:https://|http://(?:127\\.0\\.0\\.1|localhost|\\[::1\\])(?::[0-9]+)?(?:/|$))"},message:"must match pattern \""+"^(?:https://|http://(?:127\\.0\\.0\\.1|localhost|\\[::1\\])(?::[0-9]+)?(?:/|$))"+"\"",schema:"^(?:https://|http://(?:127\\.0\\.0\\.1|localhost|\\[::1\\])(?::[0-9]+)?(?:/|$))",parentSchema:schema13,data:data11};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
if(!(formats0(data11))){
const err40 = {instancePath:instancePath+"/allowlist/url",schemaPath:"#/definitions/secureUrl/format",keyword:"format",params:{format: "uri"},message:"must match format \""+"uri"+"\"",schema:"uri",parentSchema:schema13,data:data11};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
else {
const err41 = {instancePath:instancePath+"/allowlist/url",schemaPath:"#/definitions/secureUrl/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.type,parentSchema:schema13,data:data11};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
if(data9.pollSeconds !== undefined){
let data12 = data9.pollSeconds;
if(!(((typeof data12 == "number") && (!(data12 % 1) && !isNaN(data12))) && (isFinite(data12)))){
const err42 = {instancePath:instancePath+"/allowlist/pollSeconds",schemaPath:"#/properties/allowlist/properties/pollSeconds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.allowlist.properties.pollSeconds.type,parentSchema:schema11.properties.allowlist.properties.pollSeconds,data:data12};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
if((typeof data12 == "number") && (isFinite(data12))){
if(data12 > 604800 || isNaN(data12)){
const err43 = {instancePath:instancePath+"/allowlist/pollSeconds",schemaPath:"#/properties/allowlist/properties/pollSeconds/maximum",keyword:"maximum",params:{comparison: "<=", limit: 604800},message:"must be <= 604800",schema:604800,parentSchema:schema11.properties.allowlist.properties.pollSeconds,data:data12};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
if(data12 < 10 || isNaN(data12)){
const err44 = {instancePath:instancePath+"/allowlist/pollSeconds",schemaPath:"#/properties/allowlist/properties/pollSeconds/minimum",keyword:"minimum",params:{comparison: ">=", limit: 10},message:"must be >= 10",schema:10,parentSchema:schema11.properties.allowlist.properties.pollSeconds,data:data12};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
}
if(data9.maxBytes !== undefined){
let data13 = data9.maxBytes;
if(!(((typeof data13 == "number") && (!(data13 % 1) && !isNaN(data13))) && (isFinite(data13)))){
const err45 = {instancePath:instancePath+"/allowlist/maxBytes",schemaPath:"#/properties/allowlist/properties/maxBytes/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.allowlist.properties.maxBytes.type,parentSchema:schema11.properties.allowlist.properties.maxBytes,data:data13};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
if((typeof data13 == "number") && (isFinite(data13))){
if(data13 > 67108864 || isNaN(data13)){
const err46 = {instancePath:instancePath+"/allowlist/maxBytes",schemaPath:"#/properties/allowlist/properties/maxBytes/maximum",keyword:"maximum",params:{comparison: "<=", limit: 67108864},message:"must be <= 67108864",schema:67108864,parentSchema:schema11.properties.allowlist.properties.maxBytes,data:data13};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
if(data13 < 1024 || isNaN(data13)){
const err47 = {instancePath:instancePath+"/allowlist/maxBytes",schemaPath:"#/properties/allowlist/properties/maxBytes/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1024},message:"must be >= 1024",schema:1024,parentSchema:schema11.properties.allowlist.properties.maxBytes,data:data13};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
}
}
else {
const err48 = {instancePath:instancePath+"/allowlist",schemaPath:"#/properties/allowlist/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.allowlist.type,parentSchema:schema11.properties.allowlist,data:data9};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
if(data.report !== undefined){
let data14 = data.report;
const _errs49 = errors;
const _errs50 = errors;
if(data14 && typeof data14 == "object" && !Array.isArray(data14)){
let missing0;
if(((data14.token === undefined) && (missing0 = "token")) || ((data14.tokenFile === undefined) && (missing0 = "tokenFile"))){
const err49 = {};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
var valid13 = _errs50 === errors;
if(valid13){
const err50 = {instancePath:instancePath+"/report",schemaPath:"#/properties/report/allOf/0/not",keyword:"not",params:{},message:"must NOT be valid",schema:schema11.properties.report.allOf[0].not,parentSchema:schema11.properties.report.allOf[0],data:data14};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
else {
errors = _errs49;
if(vErrors !== null){
if(_errs49){
vErrors.length = _errs49;
}
else {
vErrors = null;
}
}
}
if(data14 && typeof data14 == "object" && !Array.isArray(data14)){
if(data14.url === undefined){
const err51 = {instancePath:instancePath+"/report",schemaPath:"#/properties/report/required",keyword:"required",params:{missingProperty: "url"},message:"must have required property '"+"url"+"'",schema:schema11.properties.report.required,parentSchema:schema11.properties.report,data:data14};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
for(const key4 in data14){
if(!(((((((key4 === "url") || (key4 === "token")) || (key4 === "tokenFile")) || (key4 === "caFile")) || (key4 === "heartbeatSeconds")) || (key4 === "spoolMaxBytes")) || (key4 === "deviceId"))){
const err52 = {instancePath:instancePath+"/report",schemaPath:"#/properties/report/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.report,data:data14};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
if(data14.url !== undefined){
let data15 = data14.url;
if(typeof data15 === "string"){
if(func3(data15) > 2048){
const err53 = {instancePath:instancePath+"/report/url",schemaPath:"#/definitions/secureUrl/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters",schema:2048,parentSchema:schema13,data:data15};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
if(!pattern0.test(data15)){
const err54 = {instancePath:instancePath+"/report/url",schemaPath:"#/definitions/secureUrl/pattern",keyword:"pattern",params:{pattern: "^(?:https://|http://(?:127\\.0\\.0\\.1|localhost|\\[::1\\])(?::[0-9]+)?(?:/|$))"},message:"must match pattern \""+"^(?:https://|http://(?:127\\.0\\.0\\.1|localhost|\\[::1\\])(?::[0-9]+)?(?:/|$))"+"\"",schema:"^(?:https://|http://(?:127\\.0\\.0\\.1|localhost|\\[::1\\])(?::[0-9]+)?(?:/|$))",parentSchema:schema13,data:data15};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
if(!(formats0(data15))){
const err55 = {instancePath:instancePath+"/report/url",schemaPath:"#/definitions/secureUrl/format",keyword:"format",params:{format: "uri"},message:"must match format \""+"uri"+"\"",schema:"uri",parentSchema:schema13,data:data15};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
}
else {
const err56 = {instancePath:instancePath+"/report/url",schemaPath:"#/definitions/secureUrl/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.type,parentSchema:schema13,data:data15};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
if(data14.token !== undefined){
let data16 = data14.token;
if(typeof data16 === "string"){
if(func3(data16) > 4096){
const err57 = {instancePath:instancePath+"/report/token",schemaPath:"#/properties/report/properties/token/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema11.properties.report.properties.token,data:data16};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
if(func3(data16) < 1){
const err58 = {instancePath:instancePath+"/report/token",schemaPath:"#/properties/report/properties/token/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.report.properties.token,data:data16};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
}
else {
const err59 = {instancePath:instancePath+"/report/token",schemaPath:"#/properties/report/properties/token/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.report.properties.token.type,parentSchema:schema11.properties.report.properties.token,data:data16};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
}
if(data14.tokenFile !== undefined){
let data17 = data14.tokenFile;
if(typeof data17 === "string"){
if(func3(data17) > 4096){
const err60 = {instancePath:instancePath+"/report/tokenFile",schemaPath:"#/properties/report/properties/tokenFile/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema11.properties.report.properties.tokenFile,data:data17};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
if(func3(data17) < 1){
const err61 = {instancePath:instancePath+"/report/tokenFile",schemaPath:"#/properties/report/properties/tokenFile/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.report.properties.tokenFile,data:data17};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
}
else {
const err62 = {instancePath:instancePath+"/report/tokenFile",schemaPath:"#/properties/report/properties/tokenFile/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.report.properties.tokenFile.type,parentSchema:schema11.properties.report.properties.tokenFile,data:data17};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
}
if(data14.caFile !== undefined){
let data18 = data14.caFile;
if(typeof data18 === "string"){
if(func3(data18) > 4096){
const err63 = {instancePath:instancePath+"/report/caFile",schemaPath:"#/properties/report/properties/caFile/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema11.properties.report.properties.caFile,data:data18};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
if(func3(data18) < 1){
const err64 = {instancePath:instancePath+"/report/caFile",schemaPath:"#/properties/report/properties/caFile/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.report.properties.caFile,data:data18};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
}
else {
const err65 = {instancePath:instancePath+"/report/caFile",schemaPath:"#/properties/report/properties/caFile/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.report.properties.caFile.type,parentSchema:schema11.properties.report.properties.caFile,data:data18};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
}
if(data14.heartbeatSeconds !== undefined){
let data19 = data14.heartbeatSeconds;
if(!(((typeof data19 == "number") && (!(data19 % 1) && !isNaN(data19))) && (isFinite(data19)))){
const err66 = {instancePath:instancePath+"/report/heartbeatSeconds",schemaPath:"#/properties/report/properties/heartbeatSeconds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.report.properties.heartbeatSeconds.type,parentSchema:schema11.properties.report.properties.heartbeatSeconds,data:data19};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
if((typeof data19 == "number") && (isFinite(data19))){
if(data19 > 604800 || isNaN(data19)){
const err67 = {instancePath:instancePath+"/report/heartbeatSeconds",schemaPath:"#/properties/report/properties/heartbeatSeconds/maximum",keyword:"maximum",params:{comparison: "<=", limit: 604800},message:"must be <= 604800",schema:604800,parentSchema:schema11.properties.report.properties.heartbeatSeconds,data:data19};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
if(data19 < 60 || isNaN(data19)){
const err68 = {instancePath:instancePath+"/report/heartbeatSeconds",schemaPath:"#/properties/report/properties/heartbeatSeconds/minimum",keyword:"minimum",params:{comparison: ">=", limit: 60},message:"must be >= 60",schema:60,parentSchema:schema11.properties.report.properties.heartbeatSeconds,data:data19};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
}
}
if(data14.spoolMaxBytes !== undefined){
let data20 = data14.spoolMaxBytes;
if(!(((typeof data20 == "number") && (!(data20 % 1) && !isNaN(data20))) && (isFinite(data20)))){
const err69 = {instancePath:instancePath+"/report/spoolMaxBytes",schemaPath:"#/properties/report/properties/spoolMaxBytes/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.report.properties.spoolMaxBytes.type,parentSchema:schema11.properties.report.properties.spoolMaxBytes,data:data20};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
if((typeof data20 == "number") && (isFinite(data20))){
if(data20 > 1073741824 || isNaN(data20)){
const err70 = {instancePath:instancePath+"/report/spoolMaxBytes",schemaPath:"#/properties/report/properties/spoolMaxBytes/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1073741824},message:"must be <= 1073741824",schema:1073741824,parentSchema:schema11.properties.report.properties.spoolMaxBytes,data:data20};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
if(data20 < 65536 || isNaN(data20)){
const err71 = {instancePath:instancePath+"/report/spoolMaxBytes",schemaPath:"#/properties/report/properties/spoolMaxBytes/minimum",keyword:"minimum",params:{comparison: ">=", limit: 65536},message:"must be >= 65536",schema:65536,parentSchema:schema11.properties.report.properties.spoolMaxBytes,data:data20};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
}
}
if(data14.deviceId !== undefined){
let data21 = data14.deviceId;
if(typeof data21 === "string"){
if(func3(data21) > 256){
const err72 = {instancePath:instancePath+"/report/deviceId",schemaPath:"#/properties/report/properties/deviceId/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters",schema:256,parentSchema:schema11.properties.report.properties.deviceId,data:data21};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
if(func3(data21) < 1){
const err73 = {instancePath:instancePath+"/report/deviceId",schemaPath:"#/properties/report/properties/deviceId/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.report.properties.deviceId,data:data21};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
}
else {
const err74 = {instancePath:instancePath+"/report/deviceId",schemaPath:"#/properties/report/properties/deviceId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.report.properties.deviceId.type,parentSchema:schema11.properties.report.properties.deviceId,data:data21};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
}
}
else {
const err75 = {instancePath:instancePath+"/report",schemaPath:"#/properties/report/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.report.type,parentSchema:schema11.properties.report,data:data14};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
}
if(data.discovery !== undefined){
let data22 = data.discovery;
if(data22 && typeof data22 == "object" && !Array.isArray(data22)){
for(const key5 in data22){
if(!((((key5 === "roots") || (key5 === "maxDepth")) || (key5 === "maxProjects")) || (key5 === "maxFileBytes"))){
const err76 = {instancePath:instancePath+"/discovery",schemaPath:"#/properties/discovery/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.discovery,data:data22};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
}
if(data22.roots !== undefined){
let data23 = data22.roots;
if(Array.isArray(data23)){
if(data23.length > 256){
const err77 = {instancePath:instancePath+"/discovery/roots",schemaPath:"#/properties/discovery/properties/roots/maxItems",keyword:"maxItems",params:{limit: 256},message:"must NOT have more than 256 items",schema:256,parentSchema:schema11.properties.discovery.properties.roots,data:data23};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
}
const len1 = data23.length;
for(let i1=0; i1<len1; i1++){
let data24 = data23[i1];
if(typeof data24 === "string"){
if(func3(data24) > 4096){
const err78 = {instancePath:instancePath+"/discovery/roots/" + i1,schemaPath:"#/properties/discovery/properties/roots/items/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema11.properties.discovery.properties.roots.items,data:data24};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
}
if(func3(data24) < 1){
const err79 = {instancePath:instancePath+"/discovery/roots/" + i1,schemaPath:"#/properties/discovery/properties/roots/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.discovery.properties.roots.items,data:data24};
if(vErrors === null){
vErrors = [err79];
}
else {
vErrors.push(err79);
}
errors++;
}
}
else {
const err80 = {instancePath:instancePath+"/discovery/roots/" + i1,schemaPath:"#/properties/discovery/properties/roots/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.discovery.properties.roots.items.type,parentSchema:schema11.properties.discovery.properties.roots.items,data:data24};
if(vErrors === null){
vErrors = [err80];
}
else {
vErrors.push(err80);
}
errors++;
}
}
}
else {
const err81 = {instancePath:instancePath+"/discovery/roots",schemaPath:"#/properties/discovery/properties/roots/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.discovery.properties.roots.type,parentSchema:schema11.properties.discovery.properties.roots,data:data23};
if(vErrors === null){
vErrors = [err81];
}
else {
vErrors.push(err81);
}
errors++;
}
}
if(data22.maxDepth !== undefined){
let data25 = data22.maxDepth;
if(!(((typeof data25 == "number") && (!(data25 % 1) && !isNaN(data25))) && (isFinite(data25)))){
const err82 = {instancePath:instancePath+"/discovery/maxDepth",schemaPath:"#/properties/discovery/properties/maxDepth/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.discovery.properties.maxDepth.type,parentSchema:schema11.properties.discovery.properties.maxDepth,data:data25};
if(vErrors === null){
vErrors = [err82];
}
else {
vErrors.push(err82);
}
errors++;
}
if((typeof data25 == "number") && (isFinite(data25))){
if(data25 > 32 || isNaN(data25)){
const err83 = {instancePath:instancePath+"/discovery/maxDepth",schemaPath:"#/properties/discovery/properties/maxDepth/maximum",keyword:"maximum",params:{comparison: "<=", limit: 32},message:"must be <= 32",schema:32,parentSchema:schema11.properties.discovery.properties.maxDepth,data:data25};
if(vErrors === null){
vErrors = [err83];
}
else {
vErrors.push(err83);
}
errors++;
}
if(data25 < 0 || isNaN(data25)){
const err84 = {instancePath:instancePath+"/discovery/maxDepth",schemaPath:"#/properties/discovery/properties/maxDepth/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema11.properties.discovery.properties.maxDepth,data:data25};
if(vErrors === null){
vErrors = [err84];
}
else {
vErrors.push(err84);
}
errors++;
}
}
}
if(data22.maxProjects !== undefined){
let data26 = data22.maxProjects;
if(!(((typeof data26 == "number") && (!(data26 % 1) && !isNaN(data26))) && (isFinite(data26)))){
const err85 = {instancePath:instancePath+"/discovery/maxProjects",schemaPath:"#/properties/discovery/properties/maxProjects/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.discovery.properties.maxProjects.type,parentSchema:schema11.properties.discovery.properties.maxProjects,data:data26};
if(vErrors === null){
vErrors = [err85];
}
else {
vErrors.push(err85);
}
errors++;
}
if((typeof data26 == "number") && (isFinite(data26))){
if(data26 > 1000000 || isNaN(data26)){
const err86 = {instancePath:instancePath+"/discovery/maxProjects",schemaPath:"#/properties/discovery/properties/maxProjects/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000000},message:"must be <= 1000000",schema:1000000,parentSchema:schema11.properties.discovery.properties.maxProjects,data:data26};
if(vErrors === null){
vErrors = [err86];
}
else {
vErrors.push(err86);
}
errors++;
}
if(data26 < 1 || isNaN(data26)){
const err87 = {instancePath:instancePath+"/discovery/maxProjects",schemaPath:"#/properties/discovery/properties/maxProjects/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema11.properties.discovery.properties.maxProjects,data:data26};
if(vErrors === null){
vErrors = [err87];
}
else {
vErrors.push(err87);
}
errors++;
}
}
}
if(data22.maxFileBytes !== undefined){
let data27 = data22.maxFileBytes;
if(!(((typeof data27 == "number") && (!(data27 % 1) && !isNaN(data27))) && (isFinite(data27)))){
const err88 = {instancePath:instancePath+"/discovery/maxFileBytes",schemaPath:"#/properties/discovery/properties/maxFileBytes/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.discovery.properties.maxFileBytes.type,parentSchema:schema11.properties.discovery.properties.maxFileBytes,data:data27};
if(vErrors === null){
vErrors = [err88];
}
else {
vErrors.push(err88);
}
errors++;
}
if((typeof data27 == "number") && (isFinite(data27))){
if(data27 > 1073741824 || isNaN(data27)){
const err89 = {instancePath:instancePath+"/discovery/maxFileBytes",schemaPath:"#/properties/discovery/properties/maxFileBytes/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1073741824},message:"must be <= 1073741824",schema:1073741824,parentSchema:schema11.properties.discovery.properties.maxFileBytes,data:data27};
if(vErrors === null){
vErrors = [err89];
}
else {
vErrors.push(err89);
}
errors++;
}
if(data27 < 65536 || isNaN(data27)){
const err90 = {instancePath:instancePath+"/discovery/maxFileBytes",schemaPath:"#/properties/discovery/properties/maxFileBytes/minimum",keyword:"minimum",params:{comparison: ">=", limit: 65536},message:"must be >= 65536",schema:65536,parentSchema:schema11.properties.discovery.properties.maxFileBytes,data:data27};
if(vErrors === null){
vErrors = [err90];
}
else {
vErrors.push(err90);
}
errors++;
}
}
}
}
else {
const err91 = {instancePath:instancePath+"/discovery",schemaPath:"#/properties/discovery/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.discovery.type,parentSchema:schema11.properties.discovery,data:data22};
if(vErrors === null){
vErrors = [err91];
}
else {
vErrors.push(err91);
}
errors++;
}
}
if(data.agent !== undefined){
let data28 = data.agent;
if(data28 && typeof data28 == "object" && !Array.isArray(data28)){
for(const key6 in data28){
if(!(((key6 === "fullPassSeconds") || (key6 === "debounceMs")) || (key6 === "notify"))){
const err92 = {instancePath:instancePath+"/agent",schemaPath:"#/properties/agent/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.agent,data:data28};
if(vErrors === null){
vErrors = [err92];
}
else {
vErrors.push(err92);
}
errors++;
}
}
if(data28.fullPassSeconds !== undefined){
let data29 = data28.fullPassSeconds;
if(!(((typeof data29 == "number") && (!(data29 % 1) && !isNaN(data29))) && (isFinite(data29)))){
const err93 = {instancePath:instancePath+"/agent/fullPassSeconds",schemaPath:"#/properties/agent/properties/fullPassSeconds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.agent.properties.fullPassSeconds.type,parentSchema:schema11.properties.agent.properties.fullPassSeconds,data:data29};
if(vErrors === null){
vErrors = [err93];
}
else {
vErrors.push(err93);
}
errors++;
}
if((typeof data29 == "number") && (isFinite(data29))){
if(data29 > 86400 || isNaN(data29)){
const err94 = {instancePath:instancePath+"/agent/fullPassSeconds",schemaPath:"#/properties/agent/properties/fullPassSeconds/maximum",keyword:"maximum",params:{comparison: "<=", limit: 86400},message:"must be <= 86400",schema:86400,parentSchema:schema11.properties.agent.properties.fullPassSeconds,data:data29};
if(vErrors === null){
vErrors = [err94];
}
else {
vErrors.push(err94);
}
errors++;
}
if(data29 < 10 || isNaN(data29)){
const err95 = {instancePath:instancePath+"/agent/fullPassSeconds",schemaPath:"#/properties/agent/properties/fullPassSeconds/minimum",keyword:"minimum",params:{comparison: ">=", limit: 10},message:"must be >= 10",schema:10,parentSchema:schema11.properties.agent.properties.fullPassSeconds,data:data29};
if(vErrors === null){
vErrors = [err95];
}
else {
vErrors.push(err95);
}
errors++;
}
}
}
if(data28.debounceMs !== undefined){
let data30 = data28.debounceMs;
if(!(((typeof data30 == "number") && (!(data30 % 1) && !isNaN(data30))) && (isFinite(data30)))){
const err96 = {instancePath:instancePath+"/agent/debounceMs",schemaPath:"#/properties/agent/properties/debounceMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.agent.properties.debounceMs.type,parentSchema:schema11.properties.agent.properties.debounceMs,data:data30};
if(vErrors === null){
vErrors = [err96];
}
else {
vErrors.push(err96);
}
errors++;
}
if((typeof data30 == "number") && (isFinite(data30))){
if(data30 > 60000 || isNaN(data30)){
const err97 = {instancePath:instancePath+"/agent/debounceMs",schemaPath:"#/properties/agent/properties/debounceMs/maximum",keyword:"maximum",params:{comparison: "<=", limit: 60000},message:"must be <= 60000",schema:60000,parentSchema:schema11.properties.agent.properties.debounceMs,data:data30};
if(vErrors === null){
vErrors = [err97];
}
else {
vErrors.push(err97);
}
errors++;
}
if(data30 < 0 || isNaN(data30)){
const err98 = {instancePath:instancePath+"/agent/debounceMs",schemaPath:"#/properties/agent/properties/debounceMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema11.properties.agent.properties.debounceMs,data:data30};
if(vErrors === null){
vErrors = [err98];
}
else {
vErrors.push(err98);
}
errors++;
}
}
}
if(data28.notify !== undefined){
let data31 = data28.notify;
if(typeof data31 !== "boolean"){
const err99 = {instancePath:instancePath+"/agent/notify",schemaPath:"#/properties/agent/properties/notify/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema11.properties.agent.properties.notify.type,parentSchema:schema11.properties.agent.properties.notify,data:data31};
if(vErrors === null){
vErrors = [err99];
}
else {
vErrors.push(err99);
}
errors++;
}
}
}
else {
const err100 = {instancePath:instancePath+"/agent",schemaPath:"#/properties/agent/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.agent.type,parentSchema:schema11.properties.agent,data:data28};
if(vErrors === null){
vErrors = [err100];
}
else {
vErrors.push(err100);
}
errors++;
}
}
if(data.exec !== undefined){
let data32 = data.exec;
if(data32 && typeof data32 == "object" && !Array.isArray(data32)){
for(const key7 in data32){
if(!(key7 === "path")){
const err101 = {instancePath:instancePath+"/exec",schemaPath:"#/properties/exec/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key7},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.exec,data:data32};
if(vErrors === null){
vErrors = [err101];
}
else {
vErrors.push(err101);
}
errors++;
}
}
if(data32.path !== undefined){
let data33 = data32.path;
if(typeof data33 === "string"){
if(func3(data33) > 4096){
const err102 = {instancePath:instancePath+"/exec/path",schemaPath:"#/properties/exec/properties/path/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema11.properties.exec.properties.path,data:data33};
if(vErrors === null){
vErrors = [err102];
}
else {
vErrors.push(err102);
}
errors++;
}
if(func3(data33) < 1){
const err103 = {instancePath:instancePath+"/exec/path",schemaPath:"#/properties/exec/properties/path/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.exec.properties.path,data:data33};
if(vErrors === null){
vErrors = [err103];
}
else {
vErrors.push(err103);
}
errors++;
}
}
else {
const err104 = {instancePath:instancePath+"/exec/path",schemaPath:"#/properties/exec/properties/path/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.exec.properties.path.type,parentSchema:schema11.properties.exec.properties.path,data:data33};
if(vErrors === null){
vErrors = [err104];
}
else {
vErrors.push(err104);
}
errors++;
}
}
}
else {
const err105 = {instancePath:instancePath+"/exec",schemaPath:"#/properties/exec/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.exec.type,parentSchema:schema11.properties.exec,data:data32};
if(vErrors === null){
vErrors = [err105];
}
else {
vErrors.push(err105);
}
errors++;
}
}
if(data.keychain !== undefined){
let data34 = data.keychain;
if(data34 && typeof data34 == "object" && !Array.isArray(data34)){
for(const key8 in data34){
if(!(key8 === "backend")){
const err106 = {instancePath:instancePath+"/keychain",schemaPath:"#/properties/keychain/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key8},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.keychain,data:data34};
if(vErrors === null){
vErrors = [err106];
}
else {
vErrors.push(err106);
}
errors++;
}
}
if(data34.backend !== undefined){
let data35 = data34.backend;
if(typeof data35 !== "string"){
const err107 = {instancePath:instancePath+"/keychain/backend",schemaPath:"#/properties/keychain/properties/backend/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.keychain.properties.backend.type,parentSchema:schema11.properties.keychain.properties.backend,data:data35};
if(vErrors === null){
vErrors = [err107];
}
else {
vErrors.push(err107);
}
errors++;
}
if(!((data35 === "napi") || (data35 === "keytar"))){
const err108 = {instancePath:instancePath+"/keychain/backend",schemaPath:"#/properties/keychain/properties/backend/enum",keyword:"enum",params:{allowedValues: schema11.properties.keychain.properties.backend.enum},message:"must be equal to one of the allowed values",schema:schema11.properties.keychain.properties.backend.enum,parentSchema:schema11.properties.keychain.properties.backend,data:data35};
if(vErrors === null){
vErrors = [err108];
}
else {
vErrors.push(err108);
}
errors++;
}
}
}
else {
const err109 = {instancePath:instancePath+"/keychain",schemaPath:"#/properties/keychain/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.keychain.type,parentSchema:schema11.properties.keychain,data:data34};
if(vErrors === null){
vErrors = [err109];
}
else {
vErrors.push(err109);
}
errors++;
}
}
if(data.system !== undefined){
let data36 = data.system;
if(data36 && typeof data36 == "object" && !Array.isArray(data36)){
for(const key9 in data36){
if(!((key9 === "managedDir") || (key9 === "dropInName"))){
const err110 = {instancePath:instancePath+"/system",schemaPath:"#/properties/system/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key9},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.system,data:data36};
if(vErrors === null){
vErrors = [err110];
}
else {
vErrors.push(err110);
}
errors++;
}
}
if(data36.managedDir !== undefined){
let data37 = data36.managedDir;
if(typeof data37 === "string"){
if(func3(data37) > 4096){
const err111 = {instancePath:instancePath+"/system/managedDir",schemaPath:"#/properties/system/properties/managedDir/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema11.properties.system.properties.managedDir,data:data37};
if(vErrors === null){
vErrors = [err111];
}
else {
vErrors.push(err111);
}
errors++;
}
if(func3(data37) < 1){
const err112 = {instancePath:instancePath+"/system/managedDir",schemaPath:"#/properties/system/properties/managedDir/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.system.properties.managedDir,data:data37};
if(vErrors === null){
vErrors = [err112];
}
else {
vErrors.push(err112);
}
errors++;
}
}
else {
const err113 = {instancePath:instancePath+"/system/managedDir",schemaPath:"#/properties/system/properties/managedDir/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.system.properties.managedDir.type,parentSchema:schema11.properties.system.properties.managedDir,data:data37};
if(vErrors === null){
vErrors = [err113];
}
else {
vErrors.push(err113);
}
errors++;
}
}
if(data36.dropInName !== undefined){
let data38 = data36.dropInName;
if(typeof data38 === "string"){
if(func3(data38) > 255){
const err114 = {instancePath:instancePath+"/system/dropInName",schemaPath:"#/properties/system/properties/dropInName/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema11.properties.system.properties.dropInName,data:data38};
if(vErrors === null){
vErrors = [err114];
}
else {
vErrors.push(err114);
}
errors++;
}
if(!pattern2.test(data38)){
const err115 = {instancePath:instancePath+"/system/dropInName",schemaPath:"#/properties/system/properties/dropInName/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9._-]+\\.json$"},message:"must match pattern \""+"^[A-Za-z0-9._-]+\\.json$"+"\"",schema:"^[A-Za-z0-9._-]+\\.json$",parentSchema:schema11.properties.system.properties.dropInName,data:data38};
if(vErrors === null){
vErrors = [err115];
}
else {
vErrors.push(err115);
}
errors++;
}
}
else {
const err116 = {instancePath:instancePath+"/system/dropInName",schemaPath:"#/properties/system/properties/dropInName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.system.properties.dropInName.type,parentSchema:schema11.properties.system.properties.dropInName,data:data38};
if(vErrors === null){
vErrors = [err116];
}
else {
vErrors.push(err116);
}
errors++;
}
}
}
else {
const err117 = {instancePath:instancePath+"/system",schemaPath:"#/properties/system/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.system.type,parentSchema:schema11.properties.system,data:data36};
if(vErrors === null){
vErrors = [err117];
}
else {
vErrors.push(err117);
}
errors++;
}
}
if(data.log !== undefined){
let data39 = data.log;
if(data39 && typeof data39 == "object" && !Array.isArray(data39)){
for(const key10 in data39){
if(!(key10 === "level")){
const err118 = {instancePath:instancePath+"/log",schemaPath:"#/properties/log/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key10},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.log,data:data39};
if(vErrors === null){
vErrors = [err118];
}
else {
vErrors.push(err118);
}
errors++;
}
}
if(data39.level !== undefined){
let data40 = data39.level;
if(typeof data40 !== "string"){
const err119 = {instancePath:instancePath+"/log/level",schemaPath:"#/properties/log/properties/level/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.log.properties.level.type,parentSchema:schema11.properties.log.properties.level,data:data40};
if(vErrors === null){
vErrors = [err119];
}
else {
vErrors.push(err119);
}
errors++;
}
if(!((((data40 === "error") || (data40 === "warn")) || (data40 === "info")) || (data40 === "debug"))){
const err120 = {instancePath:instancePath+"/log/level",schemaPath:"#/properties/log/properties/level/enum",keyword:"enum",params:{allowedValues: schema11.properties.log.properties.level.enum},message:"must be equal to one of the allowed values",schema:schema11.properties.log.properties.level.enum,parentSchema:schema11.properties.log.properties.level,data:data40};
if(vErrors === null){
vErrors = [err120];
}
else {
vErrors.push(err120);
}
errors++;
}
}
}
else {
const err121 = {instancePath:instancePath+"/log",schemaPath:"#/properties/log/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.log.type,parentSchema:schema11.properties.log,data:data39};
if(vErrors === null){
vErrors = [err121];
}
else {
vErrors.push(err121);
}
errors++;
}
}
}
else {
const err122 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.type,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err122];
}
else {
vErrors.push(err122);
}
errors++;
}
validate10.errors = vErrors;
return errors === 0;
}
