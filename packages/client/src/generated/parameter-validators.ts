// Validators of each operation's parameters (as sent: text, coerced), by operationId.
// Generated from spec/openapi.yaml by `pnpm generate`. Do not edit by hand.

// @ts-nocheck -- Ajv's standalone output is plain JavaScript; src/internal/validate.ts types it.
export const invite_user_to_organization_api_v1_organization__organization_id__invitation_post = validate20;
const schema31 = {"$id":"invite_user_to_organization_api_v1_organization__organization_id__invitation_post","type":"object","properties":{"organization_id":{"type":"string","title":"Organization ID","description":"A unique identifier of the organization. You can obtain the organization ID from the [Get Users Me](https://docs.cloud.deepset.ai/reference/read_users_me_api_v1_me_get)  endpoint."}},"required":["organization_id"]};

function validate20(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="invite_user_to_organization_api_v1_organization__organization_id__invitation_post" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate20.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.organization_id === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "organization_id"},message:"must have required property '"+"organization_id"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.organization_id !== undefined){
let data0 = data.organization_id;
if(typeof data0 !== "string"){
let dataType0 = typeof data0;
let coerced0 = undefined;
if(dataType0 == 'object' && Array.isArray(data0) && data0.length == 1){
data0 = data0[0];
dataType0 = typeof data0;
if(typeof data0 === "string"){
coerced0 = data0;
}
}
if(!(coerced0 !== undefined)){
if(dataType0 == "number" || dataType0 == "boolean"){
coerced0 = "" + data0;
}
else if(data0 === null){
coerced0 = "";
}
else {
const err1 = {instancePath:instancePath+"/organization_id",schemaPath:"#/properties/organization_id/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(coerced0 !== undefined){
data0 = coerced0;
if(data !== undefined){
data["organization_id"] = coerced0;
}
}
}
}
}
else {
const err2 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
validate20.errors = vErrors;
return errors === 0;
}
validate20.evaluated = {"props":{"organization_id":true},"dynamicProps":false,"dynamicItems":false};
