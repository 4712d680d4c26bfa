// GENERATED from schemas/drift-event.schema.json by src/schema/standalone.ts. Do not edit:
// run `MCP_WARDEN_UPDATE_GENERATED=1 npx jest test/unit/schema` after changing the schema.
/* eslint-disable */
// @ts-nocheck
"use strict";
export const validate = validate10;
export default validate10;
const schema11 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://mcp-warden.dev/schemas/drift-event.schema.json","title":"mcp-warden drift event","description":"What an mcp-warden agent found and did on one device. Sent to the collector by POST /v1/events. Never carries a secret value: at most a variable's name and a short fingerprint.","type":"object","additionalProperties":false,"required":["id","time","device","agentVersion","policy","kind","severity","mode","action","message"],"properties":{"id":{"description":"Unique event id (the agent uses a random UUID). The collector deduplicates on it: re-sending an event adds nothing.","type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._:-]{7,127}$"},"time":{"description":"When the agent observed it (RFC 3339 with a time zone).","type":"string","format":"date-time","maxLength":40},"device":{"description":"The device and user the event is about.","type":"object","additionalProperties":false,"required":["id","hostname","os","user"],"properties":{"id":{"description":"Stable device id: a hash of the OS machine id and the OS account the agent runs for, or a random id kept in the agent's state folder. The collector binds it to the device credential that sends the event.","type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$"},"hostname":{"type":"string","maxLength":255},"os":{"description":"Platform and release, e.g. linux-6.1.0.","type":"string","maxLength":255},"user":{"description":"The OS account the agent runs for.","type":"string","maxLength":255}}},"agentVersion":{"type":"string","minLength":1,"maxLength":64},"policy":{"description":"The allowlist in force when the event was produced; null when the agent has no valid policy (audit only).","oneOf":[{"type":"null"},{"type":"object","additionalProperties":false,"required":["org","version","digest"],"properties":{"org":{"type":"string","minLength":1,"maxLength":255},"version":{"type":"integer","minimum":1},"digest":{"description":"SHA-256 (hex) of the allowlist payload.","type":"string","pattern":"^[0-9a-f]{64}$"}}}]},"kind":{"description":"What happened. `agent.heartbeat` carries the device's posture in `detail`.","type":"string","enum":["server.unapproved","server.pin_mismatch","server.denied","server.unverifiable","server.removed","server.restored","server.renamed","server.flapping","server.exec_refused","server.sandbox_unavailable","server.tools_changed","server.tools_pinned","plugin.server_unapproved","plugin.server_pin_mismatch","plugin.server_denied","plugin.server_unverifiable","plugin.disabled","plugin.restored","plugin.marketplace_unapproved","plugin.marketplace_denied","credential.exposed","credential.migrated","credential.missing","settings.drift","settings.fixed","policy.accepted","policy.rejected","policy.stale","policy.missing","config.unreadable","write.failed","managed.applied","managed.rejected","agent.started","agent.stopped","agent.heartbeat","agent.events_dropped"]},"severity":{"type":"string","enum":["info","low","medium","high","critical"]},"mode":{"description":"The policy mode the agent ran in: `audit` changes nothing and reports what `enforce` would have done.","type":"string","enum":["audit","enforce"]},"action":{"$ref":"#/definitions/action"},"wouldDo":{"description":"In audit mode: what enforce would have done.","$ref":"#/definitions/action"},"message":{"description":"One human-readable line, no secrets.","type":"string","maxLength":2048},"server":{"description":"The server's identity: never the name alone.","type":"object","additionalProperties":false,"required":["name"],"properties":{"name":{"type":"string","maxLength":512},"scope":{"type":"string","enum":["user","local","project","managed","plugin","agent"]},"transport":{"type":"string","maxLength":32},"argv":{"description":"Command and arguments of a stdio server, secrets masked.","type":"array","maxItems":256,"items":{"type":"string","maxLength":4096}},"url":{"description":"URL of a remote server (credentials in it masked).","type":"string","maxLength":4096},"ruleId":{"description":"The allowlist rule that approved or nearly matched it.","type":"string","maxLength":128},"client":{"description":"The MCP client whose config holds it (docs/clients.md). Absent for Claude Code, so older collectors keep accepting Claude Code's events.","type":"string","enum":["claude-code","cursor","vscode","claude-desktop","windsurf","gemini-cli","codex"]}}},"file":{"description":"The config file the finding is in.","type":"string","maxLength":4096},"jsonPath":{"description":"JSON path inside `file`, e.g. $.mcpServers.github.","type":"string","maxLength":4096},"credential":{"description":"For credential events: where the secret is, by name, with a short fingerprint of its value.","type":"object","additionalProperties":false,"required":["name","location"],"properties":{"name":{"type":"string","maxLength":256},"location":{"type":"string","enum":["env","args","headers","url"]},"fingerprint":{"description":"First hex characters of a salted SHA-256 of the value.","type":"string","pattern":"^[0-9a-f]{4,16}$"}}},"detail":{"description":"Extra structured detail: heartbeat posture, counts, reasons. Never secret values.","type":"object","maxProperties":64}},"definitions":{"action":{"description":"What the agent did about the finding (`none` in audit mode).","type":"string","enum":["none","removed","quarantined","migrated","fixed","renamed","restored","refused","failed"]}}};
const schema12 = {"description":"What the agent did about the finding (`none` in audit mode).","type":"string","enum":["none","removed","quarantined","migrated","fixed","renamed","restored","refused","failed"]};
const func2 = Object.prototype.hasOwnProperty;
const func3 = require("ajv/dist/runtime/ucs2length").default;
const pattern0 = new RegExp("^[A-Za-z0-9][A-Za-z0-9._:-]{7,127}$", "u");
const pattern1 = new RegExp("^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$", "u");
const pattern2 = new RegExp("^[0-9a-f]{64}$", "u");
const pattern3 = new RegExp("^[0-9a-f]{4,16}$", "u");
const formats0 = require("ajv-formats/dist/formats").fullFormats["date-time"];

function validate10(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://mcp-warden.dev/schemas/drift-event.schema.json" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.id === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.time === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "time"},message:"must have required property '"+"time"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.device === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "device"},message:"must have required property '"+"device"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.agentVersion === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "agentVersion"},message:"must have required property '"+"agentVersion"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data.policy === undefined){
const err4 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "policy"},message:"must have required property '"+"policy"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data.kind === undefined){
const err5 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(data.severity === undefined){
const err6 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "severity"},message:"must have required property '"+"severity"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(data.mode === undefined){
const err7 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "mode"},message:"must have required property '"+"mode"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(data.action === undefined){
const err8 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "action"},message:"must have required property '"+"action"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(data.message === undefined){
const err9 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "message"},message:"must have required property '"+"message"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema11.properties, key0))){
const err10 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.id !== undefined){
let data0 = data.id;
if(typeof data0 === "string"){
if(!pattern0.test(data0)){
const err11 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9._:-]{7,127}$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9._:-]{7,127}$"+"\"",schema:"^[A-Za-z0-9][A-Za-z0-9._:-]{7,127}$",parentSchema:schema11.properties.id,data:data0};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.id.type,parentSchema:schema11.properties.id,data:data0};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.time !== undefined){
let data1 = data.time;
if(typeof data1 === "string"){
if(func3(data1) > 40){
const err13 = {instancePath:instancePath+"/time",schemaPath:"#/properties/time/maxLength",keyword:"maxLength",params:{limit: 40},message:"must NOT have more than 40 characters",schema:40,parentSchema:schema11.properties.time,data:data1};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(!(formats0.validate(data1))){
const err14 = {instancePath:instancePath+"/time",schemaPath:"#/properties/time/format",keyword:"format",params:{format: "date-time"},message:"must match format \""+"date-time"+"\"",schema:"date-time",parentSchema:schema11.properties.time,data:data1};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/time",schemaPath:"#/properties/time/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.time.type,parentSchema:schema11.properties.time,data:data1};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.device !== undefined){
let data2 = data.device;
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
if(data2.id === undefined){
const err16 = {instancePath:instancePath+"/device",schemaPath:"#/properties/device/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'",schema:schema11.properties.device.required,parentSchema:schema11.properties.device,data:data2};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if(data2.hostname === undefined){
const err17 = {instancePath:instancePath+"/device",schemaPath:"#/properties/device/required",keyword:"required",params:{missingProperty: "hostname"},message:"must have required property '"+"hostname"+"'",schema:schema11.properties.device.required,parentSchema:schema11.properties.device,data:data2};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if(data2.os === undefined){
const err18 = {instancePath:instancePath+"/device",schemaPath:"#/properties/device/required",keyword:"required",params:{missingProperty: "os"},message:"must have required property '"+"os"+"'",schema:schema11.properties.device.required,parentSchema:schema11.properties.device,data:data2};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if(data2.user === undefined){
const err19 = {instancePath:instancePath+"/device",schemaPath:"#/properties/device/required",keyword:"required",params:{missingProperty: "user"},message:"must have required property '"+"user"+"'",schema:schema11.properties.device.required,parentSchema:schema11.properties.device,data:data2};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
for(const key1 in data2){
if(!((((key1 === "id") || (key1 === "hostname")) || (key1 === "os")) || (key1 === "user"))){
const err20 = {instancePath:instancePath+"/device",schemaPath:"#/properties/device/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.device,data:data2};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data2.id !== undefined){
let data3 = data2.id;
if(typeof data3 === "string"){
if(!pattern1.test(data3)){
const err21 = {instancePath:instancePath+"/device/id",schemaPath:"#/properties/device/properties/id/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$"+"\"",schema:"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$",parentSchema:schema11.properties.device.properties.id,data:data3};
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
const err22 = {instancePath:instancePath+"/device/id",schemaPath:"#/properties/device/properties/id/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.device.properties.id.type,parentSchema:schema11.properties.device.properties.id,data:data3};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data2.hostname !== undefined){
let data4 = data2.hostname;
if(typeof data4 === "string"){
if(func3(data4) > 255){
const err23 = {instancePath:instancePath+"/device/hostname",schemaPath:"#/properties/device/properties/hostname/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema11.properties.device.properties.hostname,data:data4};
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
const err24 = {instancePath:instancePath+"/device/hostname",schemaPath:"#/properties/device/properties/hostname/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.device.properties.hostname.type,parentSchema:schema11.properties.device.properties.hostname,data:data4};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data2.os !== undefined){
let data5 = data2.os;
if(typeof data5 === "string"){
if(func3(data5) > 255){
const err25 = {instancePath:instancePath+"/device/os",schemaPath:"#/properties/device/properties/os/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema11.properties.device.properties.os,data:data5};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
else {
const err26 = {instancePath:instancePath+"/device/os",schemaPath:"#/properties/device/properties/os/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.device.properties.os.type,parentSchema:schema11.properties.device.properties.os,data:data5};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data2.user !== undefined){
let data6 = data2.user;
if(typeof data6 === "string"){
if(func3(data6) > 255){
const err27 = {instancePath:instancePath+"/device/user",schemaPath:"#/properties/device/properties/user/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema11.properties.device.properties.user,data:data6};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
else {
const err28 = {instancePath:instancePath+"/device/user",schemaPath:"#/properties/device/properties/user/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.device.properties.user.type,parentSchema:schema11.properties.device.properties.user,data:data6};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
}
else {
const err29 = {instancePath:instancePath+"/device",schemaPath:"#/properties/device/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.device.type,parentSchema:schema11.properties.device,data:data2};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data.agentVersion !== undefined){
let data7 = data.agentVersion;
if(typeof data7 === "string"){
if(func3(data7) > 64){
const err30 = {instancePath:instancePath+"/agentVersion",schemaPath:"#/properties/agentVersion/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema11.properties.agentVersion,data:data7};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
if(func3(data7) < 1){
const err31 = {instancePath:instancePath+"/agentVersion",schemaPath:"#/properties/agentVersion/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.agentVersion,data:data7};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
else {
const err32 = {instancePath:instancePath+"/agentVersion",schemaPath:"#/properties/agentVersion/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.agentVersion.type,parentSchema:schema11.properties.agentVersion,data:data7};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data.policy !== undefined){
let data8 = data.policy;
const _errs20 = errors;
let valid2 = false;
let passing0 = null;
const _errs21 = errors;
if(data8 !== null){
const err33 = {instancePath:instancePath+"/policy",schemaPath:"#/properties/policy/oneOf/0/type",keyword:"type",params:{type: "null"},message:"must be null",schema:schema11.properties.policy.oneOf[0].type,parentSchema:schema11.properties.policy.oneOf[0],data:data8};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
var _valid0 = _errs21 === errors;
if(_valid0){
valid2 = true;
passing0 = 0;
}
const _errs23 = errors;
if(data8 && typeof data8 == "object" && !Array.isArray(data8)){
if(data8.org === undefined){
const err34 = {instancePath:instancePath+"/policy",schemaPath:"#/properties/policy/oneOf/1/required",keyword:"required",params:{missingProperty: "org"},message:"must have required property '"+"org"+"'",schema:schema11.properties.policy.oneOf[1].required,parentSchema:schema11.properties.policy.oneOf[1],data:data8};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
if(data8.version === undefined){
const err35 = {instancePath:instancePath+"/policy",schemaPath:"#/properties/policy/oneOf/1/required",keyword:"required",params:{missingProperty: "version"},message:"must have required property '"+"version"+"'",schema:schema11.properties.policy.oneOf[1].required,parentSchema:schema11.properties.policy.oneOf[1],data:data8};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
if(data8.digest === undefined){
const err36 = {instancePath:instancePath+"/policy",schemaPath:"#/properties/policy/oneOf/1/required",keyword:"required",params:{missingProperty: "digest"},message:"must have required property '"+"digest"+"'",schema:schema11.properties.policy.oneOf[1].required,parentSchema:schema11.properties.policy.oneOf[1],data:data8};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
for(const key2 in data8){
if(!(((key2 === "org") || (key2 === "version")) || (key2 === "digest"))){
const err37 = {instancePath:instancePath+"/policy",schemaPath:"#/properties/policy/oneOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.policy.oneOf[1],data:data8};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
if(data8.org !== undefined){
let data9 = data8.org;
if(typeof data9 === "string"){
if(func3(data9) > 255){
const err38 = {instancePath:instancePath+"/policy/org",schemaPath:"#/properties/policy/oneOf/1/properties/org/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema11.properties.policy.oneOf[1].properties.org,data:data9};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
if(func3(data9) < 1){
const err39 = {instancePath:instancePath+"/policy/org",schemaPath:"#/properties/policy/oneOf/1/properties/org/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.policy.oneOf[1].properties.org,data:data9};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
else {
const err40 = {instancePath:instancePath+"/policy/org",schemaPath:"#/properties/policy/oneOf/1/properties/org/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.policy.oneOf[1].properties.org.type,parentSchema:schema11.properties.policy.oneOf[1].properties.org,data:data9};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
if(data8.version !== undefined){
let data10 = data8.version;
if(!(((typeof data10 == "number") && (!(data10 % 1) && !isNaN(data10))) && (isFinite(data10)))){
const err41 = {instancePath:instancePath+"/policy/version",schemaPath:"#/properties/policy/oneOf/1/properties/version/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema11.properties.policy.oneOf[1].properties.version.type,parentSchema:schema11.properties.policy.oneOf[1].properties.version,data:data10};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
if((typeof data10 == "number") && (isFinite(data10))){
if(data10 < 1 || isNaN(data10)){
const err42 = {instancePath:instancePath+"/policy/version",schemaPath:"#/properties/policy/oneOf/1/properties/version/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema11.properties.policy.oneOf[1].properties.version,data:data10};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
}
if(data8.digest !== undefined){
let data11 = data8.digest;
if(typeof data11 === "string"){
if(!pattern2.test(data11)){
const err43 = {instancePath:instancePath+"/policy/digest",schemaPath:"#/properties/policy/oneOf/1/properties/digest/pattern",keyword:"pattern",params:{pattern: "^[0-9a-f]{64}$"},message:"must match pattern \""+"^[0-9a-f]{64}$"+"\"",schema:"^[0-9a-f]{64}$",parentSchema:schema11.properties.policy.oneOf[1].properties.digest,data:data11};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
else {
const err44 = {instancePath:instancePath+"/policy/digest",schemaPath:"#/properties/policy/oneOf/1/properties/digest/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.policy.oneOf[1].properties.digest.type,parentSchema:schema11.properties.policy.oneOf[1].properties.digest,data:data11};
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
else {
const err45 = {instancePath:instancePath+"/policy",schemaPath:"#/properties/policy/oneOf/1/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.policy.oneOf[1].type,parentSchema:schema11.properties.policy.oneOf[1],data:data8};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
var _valid0 = _errs23 === errors;
if(_valid0 && valid2){
valid2 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid2 = true;
passing0 = 1;
}
}
if(!valid2){
const err46 = {instancePath:instancePath+"/policy",schemaPath:"#/properties/policy/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf",schema:schema11.properties.policy.oneOf,parentSchema:schema11.properties.policy,data:data8};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
else {
errors = _errs20;
if(vErrors !== null){
if(_errs20){
vErrors.length = _errs20;
}
else {
vErrors = null;
}
}
}
}
if(data.kind !== undefined){
let data12 = data.kind;
if(typeof data12 !== "string"){
const err47 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.kind.type,parentSchema:schema11.properties.kind,data:data12};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
if(!(((((((((((((((((((((((((((((((((((((data12 === "server.unapproved") || (data12 === "server.pin_mismatch")) || (data12 === "server.denied")) || (data12 === "server.unverifiable")) || (data12 === "server.removed")) || (data12 === "server.restored")) || (data12 === "server.renamed")) || (data12 === "server.flapping")) || (data12 === "server.exec_refused")) || (data12 === "server.sandbox_unavailable")) || (data12 === "server.tools_changed")) || (data12 === "server.tools_pinned")) || (data12 === "plugin.server_unapproved")) || (data12 === "plugin.server_pin_mismatch")) || (data12 === "plugin.server_denied")) || (data12 === "plugin.server_unverifiable")) || (data12 === "plugin.disabled")) || (data12 === "plugin.restored")) || (data12 === "plugin.marketplace_unapproved")) || (data12 === "plugin.marketplace_denied")) || (data12 === "credential.exposed")) || (data12 === "credential.migrated")) || (data12 === "credential.missing")) || (data12 === "settings.drift")) || (data12 === "settings.fixed")) || (data12 === "policy.accepted")) || (data12 === "policy.rejected")) || (data12 === "policy.stale")) || (data12 === "policy.missing")) || (data12 === "config.unreadable")) || (data12 === "write.failed")) || (data12 === "managed.applied")) || (data12 === "managed.rejected")) || (data12 === "agent.started")) || (data12 === "agent.stopped")) || (data12 === "agent.heartbeat")) || (data12 === "agent.events_dropped"))){
const err48 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/enum",keyword:"enum",params:{allowedValues: schema11.properties.kind.enum},message:"must be equal to one of the allowed values",schema:schema11.properties.kind.enum,parentSchema:schema11.properties.kind,data:data12};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
if(data.severity !== undefined){
let data13 = data.severity;
if(typeof data13 !== "string"){
const err49 = {instancePath:instancePath+"/severity",schemaPath:"#/properties/severity/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.severity.type,parentSchema:schema11.properties.severity,data:data13};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
if(!(((((data13 === "info") || (data13 === "low")) || (data13 === "medium")) || (data13 === "high")) || (data13 === "critical"))){
const err50 = {instancePath:instancePath+"/severity",schemaPath:"#/properties/severity/enum",keyword:"enum",params:{allowedValues: schema11.properties.severity.enum},message:"must be equal to one of the allowed values",schema:schema11.properties.severity.enum,parentSchema:schema11.properties.severity,data:data13};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
if(data.mode !== undefined){
let data14 = data.mode;
if(typeof data14 !== "string"){
const err51 = {instancePath:instancePath+"/mode",schemaPath:"#/properties/mode/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.mode.type,parentSchema:schema11.properties.mode,data:data14};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
if(!((data14 === "audit") || (data14 === "enforce"))){
const err52 = {instancePath:instancePath+"/mode",schemaPath:"#/properties/mode/enum",keyword:"enum",params:{allowedValues: schema11.properties.mode.enum},message:"must be equal to one of the allowed values",schema:schema11.properties.mode.enum,parentSchema:schema11.properties.mode,data:data14};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
if(data.action !== undefined){
let data15 = data.action;
if(typeof data15 !== "string"){
const err53 = {instancePath:instancePath+"/action",schemaPath:"#/definitions/action/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data15};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
if(!(((((((((data15 === "none") || (data15 === "removed")) || (data15 === "quarantined")) || (data15 === "migrated")) || (data15 === "fixed")) || (data15 === "renamed")) || (data15 === "restored")) || (data15 === "refused")) || (data15 === "failed"))){
const err54 = {instancePath:instancePath+"/action",schemaPath:"#/definitions/action/enum",keyword:"enum",params:{allowedValues: schema12.enum},message:"must be equal to one of the allowed values",schema:schema12.enum,parentSchema:schema12,data:data15};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
if(data.wouldDo !== undefined){
let data16 = data.wouldDo;
if(typeof data16 !== "string"){
const err55 = {instancePath:instancePath+"/wouldDo",schemaPath:"#/definitions/action/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data16};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
if(!(((((((((data16 === "none") || (data16 === "removed")) || (data16 === "quarantined")) || (data16 === "migrated")) || (data16 === "fixed")) || (data16 === "renamed")) || (data16 === "restored")) || (data16 === "refused")) || (data16 === "failed"))){
const err56 = {instancePath:instancePath+"/wouldDo",schemaPath:"#/definitions/action/enum",keyword:"enum",params:{allowedValues: schema12.enum},message:"must be equal to one of the allowed values",schema:schema12.enum,parentSchema:schema12,data:data16};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
if(data.message !== undefined){
let data17 = data.message;
if(typeof data17 === "string"){
if(func3(data17) > 2048){
const err57 = {instancePath:instancePath+"/message",schemaPath:"#/properties/message/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters",schema:2048,parentSchema:schema11.properties.message,data:data17};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
}
else {
const err58 = {instancePath:instancePath+"/message",schemaPath:"#/properties/message/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.message.type,parentSchema:schema11.properties.message,data:data17};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
}
if(data.server !== undefined){
let data18 = data.server;
if(data18 && typeof data18 == "object" && !Array.isArray(data18)){
if(data18.name === undefined){
const err59 = {instancePath:instancePath+"/server",schemaPath:"#/properties/server/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema11.properties.server.required,parentSchema:schema11.properties.server,data:data18};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
for(const key3 in data18){
if(!(((((((key3 === "name") || (key3 === "scope")) || (key3 === "transport")) || (key3 === "argv")) || (key3 === "url")) || (key3 === "ruleId")) || (key3 === "client"))){
const err60 = {instancePath:instancePath+"/server",schemaPath:"#/properties/server/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.server,data:data18};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
}
if(data18.name !== undefined){
let data19 = data18.name;
if(typeof data19 === "string"){
if(func3(data19) > 512){
const err61 = {instancePath:instancePath+"/server/name",schemaPath:"#/properties/server/properties/name/maxLength",keyword:"maxLength",params:{limit: 512},message:"must NOT have more than 512 characters",schema:512,parentSchema:schema11.properties.server.properties.name,data:data19};
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
const err62 = {instancePath:instancePath+"/server/name",schemaPath:"#/properties/server/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.server.properties.name.type,parentSchema:schema11.properties.server.properties.name,data:data19};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
}
if(data18.scope !== undefined){
let data20 = data18.scope;
if(typeof data20 !== "string"){
const err63 = {instancePath:instancePath+"/server/scope",schemaPath:"#/properties/server/properties/scope/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.server.properties.scope.type,parentSchema:schema11.properties.server.properties.scope,data:data20};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
if(!((((((data20 === "user") || (data20 === "local")) || (data20 === "project")) || (data20 === "managed")) || (data20 === "plugin")) || (data20 === "agent"))){
const err64 = {instancePath:instancePath+"/server/scope",schemaPath:"#/properties/server/properties/scope/enum",keyword:"enum",params:{allowedValues: schema11.properties.server.properties.scope.enum},message:"must be equal to one of the allowed values",schema:schema11.properties.server.properties.scope.enum,parentSchema:schema11.properties.server.properties.scope,data:data20};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
}
if(data18.transport !== undefined){
let data21 = data18.transport;
if(typeof data21 === "string"){
if(func3(data21) > 32){
const err65 = {instancePath:instancePath+"/server/transport",schemaPath:"#/properties/server/properties/transport/maxLength",keyword:"maxLength",params:{limit: 32},message:"must NOT have more than 32 characters",schema:32,parentSchema:schema11.properties.server.properties.transport,data:data21};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
}
else {
const err66 = {instancePath:instancePath+"/server/transport",schemaPath:"#/properties/server/properties/transport/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.server.properties.transport.type,parentSchema:schema11.properties.server.properties.transport,data:data21};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
}
if(data18.argv !== undefined){
let data22 = data18.argv;
if(Array.isArray(data22)){
if(data22.length > 256){
const err67 = {instancePath:instancePath+"/server/argv",schemaPath:"#/properties/server/properties/argv/maxItems",keyword:"maxItems",params:{limit: 256},message:"must NOT have more than 256 items",schema:256,parentSchema:schema11.properties.server.properties.argv,data:data22};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
const len0 = data22.length;
for(let i0=0; i0<len0; i0++){
let data23 = data22[i0];
if(typeof data23 === "string"){
if(func3(data23) > 4096){
const err68 = {instancePath:instancePath+"/server/argv/" + i0,schemaPath:"#/properties/server/properties/argv/items/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema11.properties.server.properties.argv.items,data:data23};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
}
else {
const err69 = {instancePath:instancePath+"/server/argv/" + i0,schemaPath:"#/properties/server/properties/argv/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.server.properties.argv.items.type,parentSchema:schema11.properties.server.properties.argv.items,data:data23};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
}
}
else {
const err70 = {instancePath:instancePath+"/server/argv",schemaPath:"#/properties/server/properties/argv/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.server.properties.argv.type,parentSchema:schema11.properties.server.properties.argv,data:data22};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
}
if(data18.url !== undefined){
let data24 = data18.url;
if(typeof data24 === "string"){
if(func3(data24) > 4096){
const err71 = {instancePath:instancePath+"/server/url",schemaPath:"#/properties/server/properties/url/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema11.properties.server.properties.url,data:data24};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
}
else {
const err72 = {instancePath:instancePath+"/server/url",schemaPath:"#/properties/server/properties/url/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.server.properties.url.type,parentSchema:schema11.properties.server.properties.url,data:data24};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
}
if(data18.ruleId !== undefined){
let data25 = data18.ruleId;
if(typeof data25 === "string"){
if(func3(data25) > 128){
const err73 = {instancePath:instancePath+"/server/ruleId",schemaPath:"#/properties/server/properties/ruleId/maxLength",keyword:"maxLength",params:{limit: 128},message:"must NOT have more than 128 characters",schema:128,parentSchema:schema11.properties.server.properties.ruleId,data:data25};
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
const err74 = {instancePath:instancePath+"/server/ruleId",schemaPath:"#/properties/server/properties/ruleId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.server.properties.ruleId.type,parentSchema:schema11.properties.server.properties.ruleId,data:data25};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
}
if(data18.client !== undefined){
let data26 = data18.client;
if(typeof data26 !== "string"){
const err75 = {instancePath:instancePath+"/server/client",schemaPath:"#/properties/server/properties/client/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.server.properties.client.type,parentSchema:schema11.properties.server.properties.client,data:data26};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
if(!(((((((data26 === "claude-code") || (data26 === "cursor")) || (data26 === "vscode")) || (data26 === "claude-desktop")) || (data26 === "windsurf")) || (data26 === "gemini-cli")) || (data26 === "codex"))){
const err76 = {instancePath:instancePath+"/server/client",schemaPath:"#/properties/server/properties/client/enum",keyword:"enum",params:{allowedValues: schema11.properties.server.properties.client.enum},message:"must be equal to one of the allowed values",schema:schema11.properties.server.properties.client.enum,parentSchema:schema11.properties.server.properties.client,data:data26};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
}
}
else {
const err77 = {instancePath:instancePath+"/server",schemaPath:"#/properties/server/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.server.type,parentSchema:schema11.properties.server,data:data18};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
}
}
if(data.file !== undefined){
let data27 = data.file;
if(typeof data27 === "string"){
if(func3(data27) > 4096){
const err78 = {instancePath:instancePath+"/file",schemaPath:"#/properties/file/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema11.properties.file,data:data27};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
}
}
else {
const err79 = {instancePath:instancePath+"/file",schemaPath:"#/properties/file/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.file.type,parentSchema:schema11.properties.file,data:data27};
if(vErrors === null){
vErrors = [err79];
}
else {
vErrors.push(err79);
}
errors++;
}
}
if(data.jsonPath !== undefined){
let data28 = data.jsonPath;
if(typeof data28 === "string"){
if(func3(data28) > 4096){
const err80 = {instancePath:instancePath+"/jsonPath",schemaPath:"#/properties/jsonPath/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema11.properties.jsonPath,data:data28};
if(vErrors === null){
vErrors = [err80];
}
else {
vErrors.push(err80);
}
errors++;
}
}
else {
const err81 = {instancePath:instancePath+"/jsonPath",schemaPath:"#/properties/jsonPath/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.jsonPath.type,parentSchema:schema11.properties.jsonPath,data:data28};
if(vErrors === null){
vErrors = [err81];
}
else {
vErrors.push(err81);
}
errors++;
}
}
if(data.credential !== undefined){
let data29 = data.credential;
if(data29 && typeof data29 == "object" && !Array.isArray(data29)){
if(data29.name === undefined){
const err82 = {instancePath:instancePath+"/credential",schemaPath:"#/properties/credential/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema11.properties.credential.required,parentSchema:schema11.properties.credential,data:data29};
if(vErrors === null){
vErrors = [err82];
}
else {
vErrors.push(err82);
}
errors++;
}
if(data29.location === undefined){
const err83 = {instancePath:instancePath+"/credential",schemaPath:"#/properties/credential/required",keyword:"required",params:{missingProperty: "location"},message:"must have required property '"+"location"+"'",schema:schema11.properties.credential.required,parentSchema:schema11.properties.credential,data:data29};
if(vErrors === null){
vErrors = [err83];
}
else {
vErrors.push(err83);
}
errors++;
}
for(const key4 in data29){
if(!(((key4 === "name") || (key4 === "location")) || (key4 === "fingerprint"))){
const err84 = {instancePath:instancePath+"/credential",schemaPath:"#/properties/credential/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.credential,data:data29};
if(vErrors === null){
vErrors = [err84];
}
else {
vErrors.push(err84);
}
errors++;
}
}
if(data29.name !== undefined){
let data30 = data29.name;
if(typeof data30 === "string"){
if(func3(data30) > 256){
const err85 = {instancePath:instancePath+"/credential/name",schemaPath:"#/properties/credential/properties/name/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters",schema:256,parentSchema:schema11.properties.credential.properties.name,data:data30};
if(vErrors === null){
vErrors = [err85];
}
else {
vErrors.push(err85);
}
errors++;
}
}
else {
const err86 = {instancePath:instancePath+"/credential/name",schemaPath:"#/properties/credential/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.credential.properties.name.type,parentSchema:schema11.properties.credential.properties.name,data:data30};
if(vErrors === null){
vErrors = [err86];
}
else {
vErrors.push(err86);
}
errors++;
}
}
if(data29.location !== undefined){
let data31 = data29.location;
if(typeof data31 !== "string"){
const err87 = {instancePath:instancePath+"/credential/location",schemaPath:"#/properties/credential/properties/location/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.credential.properties.location.type,parentSchema:schema11.properties.credential.properties.location,data:data31};
if(vErrors === null){
vErrors = [err87];
}
else {
vErrors.push(err87);
}
errors++;
}
if(!((((data31 === "env") || (data31 === "args")) || (data31 === "headers")) || (data31 === "url"))){
const err88 = {instancePath:instancePath+"/credential/location",schemaPath:"#/properties/credential/properties/location/enum",keyword:"enum",params:{allowedValues: schema11.properties.credential.properties.location.enum},message:"must be equal to one of the allowed values",schema:schema11.properties.credential.properties.location.enum,parentSchema:schema11.properties.credential.properties.location,data:data31};
if(vErrors === null){
vErrors = [err88];
}
else {
vErrors.push(err88);
}
errors++;
}
}
if(data29.fingerprint !== undefined){
let data32 = data29.fingerprint;
if(typeof data32 === "string"){
if(!pattern3.test(data32)){
const err89 = {instancePath:instancePath+"/credential/fingerprint",schemaPath:"#/properties/credential/properties/fingerprint/pattern",keyword:"pattern",params:{pattern: "^[0-9a-f]{4,16}$"},message:"must match pattern \""+"^[0-9a-f]{4,16}$"+"\"",schema:"^[0-9a-f]{4,16}$",parentSchema:schema11.properties.credential.properties.fingerprint,data:data32};
if(vErrors === null){
vErrors = [err89];
}
else {
vErrors.push(err89);
}
errors++;
}
}
else {
const err90 = {instancePath:instancePath+"/credential/fingerprint",schemaPath:"#/properties/credential/properties/fingerprint/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.credential.properties.fingerprint.type,parentSchema:schema11.properties.credential.properties.fingerprint,data:data32};
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
else {
const err91 = {instancePath:instancePath+"/credential",schemaPath:"#/properties/credential/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.credential.type,parentSchema:schema11.properties.credential,data:data29};
if(vErrors === null){
vErrors = [err91];
}
else {
vErrors.push(err91);
}
errors++;
}
}
if(data.detail !== undefined){
let data33 = data.detail;
if(data33 && typeof data33 == "object" && !Array.isArray(data33)){
if(Object.keys(data33).length > 64){
const err92 = {instancePath:instancePath+"/detail",schemaPath:"#/properties/detail/maxProperties",keyword:"maxProperties",params:{limit: 64},message:"must NOT have more than 64 properties",schema:64,parentSchema:schema11.properties.detail,data:data33};
if(vErrors === null){
vErrors = [err92];
}
else {
vErrors.push(err92);
}
errors++;
}
}
else {
const err93 = {instancePath:instancePath+"/detail",schemaPath:"#/properties/detail/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.detail.type,parentSchema:schema11.properties.detail,data:data33};
if(vErrors === null){
vErrors = [err93];
}
else {
vErrors.push(err93);
}
errors++;
}
}
}
else {
const err94 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.type,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err94];
}
else {
vErrors.push(err94);
}
errors++;
}
validate10.errors = vErrors;
return errors === 0;
}
