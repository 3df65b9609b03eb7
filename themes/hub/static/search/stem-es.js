// Snowball spanish stemmer (Snowball 3.1.1, snowballstem/snowball@81dd074aaf2e16c104285df3a488b76ab69f6ce6),
// translated from frostem 1.20260821.8 by tests/js/tools/snowball-rs2js.mjs.
// Copyright (c) 2001 Dr Martin Porter, 2004-2005 Richard Boulton, 2013 Yoshiki
// Shibukawa, 2006-2025 Olly Betts. BSD-3-Clause, see LICENSE-SNOWBALL.txt.
import{Z,a}from"./snowball.js";
const A_0=a(" á é í ó ú",[6,1,2,3,4,5]),
A_1=a("la sela le me se lo selo las selas les los selos nos",-1),
A_2=a("ando iendo yendo ándo iéndo ar er ir ár ér ír",[6,6,7,2,1,6,6,6,3,4,5]),
A_3=a("ic ad os iv",[-1,-1,-1,1]),
A_4=a("able ible ante",1),
A_5=a("ic abil iv",1),
A_6=a("ica ancia encia adora osa ista iva anza logía idad able ible ante mente amente acion ucion ación ución ico ismo oso amiento imiento ivo ador icas ancias encias adoras osas istas ivas anzas logías idades ables ibles aciones uciones adores antes icos ismos osos amientos imientos ivos",[1,2,5,2,1,1,9,1,3,8,1,1,2,7,6,2,4,2,4,1,1,1,1,1,9,2,1,2,5,2,1,1,9,1,3,8,1,1,2,4,2,2,1,1,1,1,1,9]),
A_7=a("ya ye yan yen yeron yendo yo yas yes yais yamos yó",1),
A_8=a("aba ada ida ara iera ía aría ería iría ad ed id ase iese aste iste an aban aran ieran ían arían erían irían en asen iesen aron ieron arán erán irán ado ido ando iendo ar er ir as abas adas idas aras ieras ías arías erías irías es ases ieses abais arais ierais íais aríais eríais iríais aseis ieseis asteis isteis áis éis aréis eréis iréis ados idos amos ábamos áramos iéramos íamos aríamos eríamos iríamos emos aremos eremos iremos ásemos iésemos imos arás erás irás ís ará erá irá aré eré iré ió",[2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,1,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,1,2,2,2,2,2,2,2,2,2,2,2,2,2,2,1,2,2,2,2,2,2,2,2,2,2,2,2,2,1,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2]),
A_9=a("a e o os á é í ó",[1,2,1,1,1,2,1,1]),
G_v="aeiouáéíóúü";
let z;
export function stem(w){
z=new Z(w);
let a;
let p2;
let p1;
let pV;
pV=z.l;
p1=z.l;
p2=z.l;
let v1=z.c;
L1:{
L2:{
let v2=z.c;
L3:{
if(!z.ig(G_v))break L3;
L4:{
let v3=z.c;
L5:{
if(!z.og(G_v))break L5;
if(!z.go(G_v))break L5;
z.nc();
break L4;
}
z.c=v3;
if(!z.ig(G_v))break L3;
if(!z.gi(G_v))break L3;
z.nc();
}
break L2;
}
z.c=v2;
if(!z.og(G_v))break L1;
L6:{
let v4=z.c;
L7:{
if(!z.og(G_v))break L7;
if(!z.go(G_v))break L7;
z.nc();
break L6;
}
z.c=v4;
if(!z.ig(G_v))break L1;
if(z.c>=z.l)break L1;
z.nc();
}
}
pV=z.c;
}
z.c=v1;
let v5=z.c;
L8:{
if(!z.go(G_v))break L8;
z.nc();
if(!z.gi(G_v))break L8;
z.nc();
p1=z.c;
if(!z.go(G_v))break L8;
z.nc();
if(!z.gi(G_v))break L8;
z.nc();
p2=z.c;
}
z.c=v5;
z.lb=z.c;
z.c=z.l;
let v6=z.l-z.c;
L9:{
z.ket=z.c;
if(!z.fab(A_1))break L9;
z.bra=z.c;
a=z.fab(A_2);
if(!a)break L9;
if(pV>z.c)break L9;
switch(a){
case 1:
z.bra=z.c;
z.sf("iendo");
break;
case 2:
z.bra=z.c;
z.sf("ando");
break;
case 3:
z.bra=z.c;
z.sf("ar");
break;
case 4:
z.bra=z.c;
z.sf("er");
break;
case 5:
z.bra=z.c;
z.sf("ir");
break;
case 6:z.sd();break;
case 7:
if(!z.eqb("u"))break L9;
z.sd();
break;
}
}
z.c=z.l-v6;
let v7=z.l-z.c;
L10:{
L11:{
let v8=z.l-z.c;
L12:{
z.ket=z.c;
a=z.fab(A_6);
if(!a)break L12;
z.bra=z.c;
switch(a){
case 1:
if(p2>z.c)break L12;
z.sd();
break;
case 2:{
if(p2>z.c)break L12;
z.sd();
let v9=z.l-z.c;
L13:{
z.ket=z.c;
if(!z.eqb("ic")){
z.c=z.l-v9;
break L13;
}
z.bra=z.c;
if(p2>z.c){
z.c=z.l-v9;
break L13;
}
z.sd();
}
}break;
case 3:
if(p2>z.c)break L12;
z.sf("log");
break;
case 4:
if(p2>z.c)break L12;
z.sf("u");
break;
case 5:
if(p2>z.c)break L12;
z.sf("ente");
break;
case 6:{
if(p1>z.c)break L12;
z.sd();
let v10=z.l-z.c;
L14:{
z.ket=z.c;
a=z.fab(A_3);
if(!a){
z.c=z.l-v10;
break L14;
}
z.bra=z.c;
if(p2>z.c){
z.c=z.l-v10;
break L14;
}
z.sd();
switch(a){
case 1:
z.ket=z.c;
if(!z.eqb("at")){
z.c=z.l-v10;
break L14;
}
z.bra=z.c;
if(p2>z.c){
z.c=z.l-v10;
break L14;
}
z.sd();
break;
}
}
}break;
case 7:{
if(p2>z.c)break L12;
z.sd();
let v11=z.l-z.c;
L15:{
z.ket=z.c;
if(!z.fab(A_4)){
z.c=z.l-v11;
break L15;
}
z.bra=z.c;
if(p2>z.c){
z.c=z.l-v11;
break L15;
}
z.sd();
}
}break;
case 8:{
if(p2>z.c)break L12;
z.sd();
let v12=z.l-z.c;
L16:{
z.ket=z.c;
if(!z.fab(A_5)){
z.c=z.l-v12;
break L16;
}
z.bra=z.c;
if(p2>z.c){
z.c=z.l-v12;
break L16;
}
z.sd();
}
}break;
case 9:{
if(p2>z.c)break L12;
z.sd();
let v13=z.l-z.c;
L17:{
z.ket=z.c;
if(!z.eqb("at")){
z.c=z.l-v13;
break L17;
}
z.bra=z.c;
if(p2>z.c){
z.c=z.l-v13;
break L17;
}
z.sd();
}
}break;
}
break L11;
}
z.c=z.l-v8;
L18:{
if(z.c<pV)break L18;
let v14=z.lb;
z.lb=pV;
z.ket=z.c;
if(!z.fab(A_7)){
z.lb=v14;
break L18;
}
z.bra=z.c;
z.lb=v14;
if(!z.eqb("u"))break L18;
z.sd();
break L11;
}
z.c=z.l-v8;
if(z.c<pV)break L10;
let v15=z.lb;
z.lb=pV;
z.ket=z.c;
a=z.fab(A_8);
if(!a){
z.lb=v15;
break L10;
}
z.bra=z.c;
z.lb=v15;
switch(a){
case 1:{
let v16=z.l-z.c;
L19:{
if(!z.eqb("u")){
z.c=z.l-v16;
break L19;
}
let v17=z.l-z.c;
if(!z.eqb("g")){
z.c=z.l-v16;
break L19;
}
z.c=z.l-v17;
}
z.bra=z.c;
z.sd();
}break;
case 2:z.sd();break;
}
}
}
z.c=z.l-v7;
let v18=z.l-z.c;
L20:{
z.ket=z.c;
a=z.fab(A_9);
if(!a)break L20;
z.bra=z.c;
switch(a){
case 1:
if(pV>z.c)break L20;
z.sd();
break;
case 2:{
if(pV>z.c)break L20;
z.sd();
let v19=z.l-z.c;
L21:{
z.ket=z.c;
if(!z.eqb("u")){
z.c=z.l-v19;
break L21;
}
z.bra=z.c;
let v20=z.l-z.c;
if(!z.eqb("g")){
z.c=z.l-v19;
break L21;
}
z.c=z.l-v20;
if(pV>z.c){
z.c=z.l-v19;
break L21;
}
z.sd();
}
}break;
}
}
z.c=z.l-v18;
z.c=z.lb;
let v21=z.c;
R23:for(;;){
let v22=z.c;
L24:{
z.bra=z.c;
a=z.fa(A_0);;
z.ket=z.c;
switch(a){
case 1:z.sf("a");break;
case 2:z.sf("e");break;
case 3:z.sf("i");break;
case 4:z.sf("o");break;
case 5:z.sf("u");break;
case 6:
if(z.c>=z.l)break L24;
z.nc();
break;
}
continue R23;
}
z.c=v22;
break R23;
}
z.c=v21;
return z.s}
