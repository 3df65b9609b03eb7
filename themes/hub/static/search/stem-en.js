// Snowball english stemmer (Snowball 3.1.1, snowballstem/snowball@81dd074aaf2e16c104285df3a488b76ab69f6ce6),
// translated from frostem 1.20260821.8 by tests/js/tools/snowball-rs2js.mjs.
// Copyright (c) 2001 Dr Martin Porter, 2004-2005 Richard Boulton, 2013 Yoshiki
// Shibukawa, 2006-2025 Olly Betts. BSD-3-Clause, see LICENSE-SNOWBALL.txt.
import{Z,a}from"./snowball.js";
const A_0=a("arsen commun emerg gener inter later organ past univers",-1),
A_1=a("' 's' 's",1),
A_2=a("ied s ies sses ss us",[2,3,2,1,-1,-1]),
A_3=a("succ proc exc",1),
A_4=a("even cann inn earr herr out y",[2,2,2,2,2,2,1]),
A_5=a(" ed eed ing edly eedly ingly",[-1,2,1,3,2,1,2]),
A_6=a(" bb dd ff gg bl mm nn pp rr at tt iz",[3,2,2,2,2,1,2,2,2,2,1,2,1]),
A_7=a("anci enci ogi li bli abli alli fulli lessli ousli entli aliti biliti iviti tional ational alism ation ization izer ator iveness fulness ousness ogist",[3,2,14,16,12,4,8,9,15,10,5,8,12,11,1,7,8,7,6,6,7,11,9,10,13]),
A_8=a("icate ative alize iciti ical tional ational ful ness",[4,6,3,4,4,1,2,5,5]),
A_9=a("ic ance ence able ible ate ive ize iti al ism ion er ous ant ent ment ement",[1,1,1,1,1,1,1,1,1,1,1,2,1,1,1,1,1,1]),
A_10=a("e l",[1,2]),
A_11=a("andes atlas bias cosmos early gently howe idly news only singly skies skis sky ugly",[-1,-1,-1,-1,6,4,-1,3,-1,7,8,2,1,-1,5]),
G_aeo="aeo",
G_v="aeiouy",
G_v_WXY="Yaeiouwxy",
G_valid_LI="cdeghkmnrt";
let z;
function r_shortv(){
L0:{
let v1=z.l-z.c;
L1:{
if(!z.ogb(G_v_WXY))break L1;
if(!z.igb(G_v))break L1;
if(!z.ogb(G_v))break L1;
break L0;
}
z.c=z.l-v1;
L2:{
if(!z.ogb(G_v))break L2;
if(!z.igb(G_v))break L2;
if(z.c>z.lb)break L2;
break L0;
}
z.c=z.l-v1;
if(!z.eqb("past"))return !1;
}
return !0;
}
export function stem(w){
z=new Z(w);
let a;
let Y_found;
let p2;
let p1;
L0:{
let v1=z.c;
L1:{
z.bra=z.c;
a=z.fa(A_11);
if(!a)break L1;
z.ket=z.c;
if(z.c<z.l)break L1;
switch(a){
case 1:z.sf("ski");break;
case 2:z.sf("sky");break;
case 3:z.sf("idl");break;
case 4:z.sf("gentl");break;
case 5:z.sf("ugli");break;
case 6:z.sf("earli");break;
case 7:z.sf("onli");break;
case 8:z.sf("singl");break;
}
break L0;
}
z.c=v1;
L2:{
L3:{
if(!z.hop(3))break L3;
break L2;
}
break L0;
}
z.c=v1;
Y_found=false;
let v2=z.c;
L5:{
z.bra=z.c;
if(!z.eq("'"))break L5;
z.ket=z.c;
z.sd();
}
z.c=v2;
let v3=z.c;
L6:{
z.bra=z.c;
if(!z.eq("y"))break L6;
z.ket=z.c;
z.sf("Y");
Y_found=true;
}
z.c=v3;
let v4=z.c;
R8:for(;;){
let v5=z.c;
L9:{
G10:for(;;){
let v6=z.c;
L11:{
if(!z.ig(G_v))break L11;
z.bra=z.c;
if(!z.eq("y"))break L11;
z.ket=z.c;
z.c=v6;
break G10;
}
z.c=v6;
if(z.c>=z.l)break L9;
z.nc();
}
z.sf("Y");
Y_found=true;
continue R8;
}
z.c=v5;
break R8;
}
z.c=v4;
p1=z.l;
p2=z.l;
let v7=z.c;
L13:{
L14:{
let v8=z.c;
L15:{
if(!z.fa(A_0))break L15;
break L14;
}
z.c=v8;
if(!z.go(G_v))break L13;
z.nc();
if(!z.gi(G_v))break L13;
z.nc();
}
p1=z.c;
if(!z.go(G_v))break L13;
z.nc();
if(!z.gi(G_v))break L13;
z.nc();
p2=z.c;
}
z.c=v7;
z.lb=z.c;
z.c=z.l;
let v9=z.l-z.c;
L16:{
let v10=z.l-z.c;
L17:{
z.ket=z.c;
if(!z.fab(A_1)){
z.c=z.l-v10;
break L17;
}
z.bra=z.c;
z.sd();
}
z.ket=z.c;
a=z.fab(A_2);
if(!a)break L16;
z.bra=z.c;
switch(a){
case 1:z.sf("ss");break;
case 2:{
L18:{
let v11=z.l-z.c;
L19:{
if(!z.hopb(2))break L19;
z.sf("i");
break L18;
}
z.c=z.l-v11;
z.sf("ie");
}
}break;
case 3:
if(z.c<=z.lb)break L16;
z.pc();
if(!z.gob(G_v))break L16;
z.pc();
z.sd();
break;
}
}
z.c=z.l-v9;
let v12=z.l-z.c;
L20:{
z.ket=z.c;
a=z.fab(A_5);;
z.bra=z.c;
L21:{
let v13=z.l-z.c;
L22:{
switch(a){
case 1:{
let v14=z.l-z.c;
L23:{
if(p1>z.c)break L23;
L24:{
let v15=z.l-z.c;
L25:{
if(!z.fab(A_3))break L25;
if(z.c>z.lb)break L25;
break L24;
}
z.c=z.l-v15;
z.sf("ee");
}
}
z.c=z.l-v14;
}break;
case 2:break L22;
case 3:{
a=z.fab(A_4);
if(!a)break L22;
switch(a){
case 1:{
let v16=z.l-z.c;
if(!z.ogb(G_v))break L22;
if(z.c>z.lb)break L22;
z.c=z.l-v16;
z.bra=z.c;
z.sf("ie");
}break;
case 2:if(z.c>z.lb)break L22;break;
}
}break;
}
break L21;
}
z.c=z.l-v13;
let v17=z.l-z.c;
if(!z.gob(G_v))break L20;
z.pc();
z.c=z.l-v17;
z.sd();
z.ket=z.c;
z.bra=z.c;
let v18=z.l-z.c;
a=z.fab(A_6);;
switch(a){
case 1:
z.sf("e");
break L20;
case 2:{
let v19=z.l-z.c;
L26:{
if(!z.igb(G_aeo))break L26;
if(z.c>z.lb)break L26;
break L20;
}
z.c=z.l-v19;
}break;
case 3:{
if(z.c!=p1)break L20;
let v20=z.l-z.c;
if(!r_shortv())break L20;
z.c=z.l-v20;
z.sf("e");
break L20;
}
}
z.c=z.l-v18;
z.ket=z.c;
if(z.c<=z.lb)break L20;
z.pc();
z.bra=z.c;
z.sd();
}
}
z.c=z.l-v12;
let v21=z.l-z.c;
L27:{
z.ket=z.c;
L28:{
L29:{
if(!z.eqb("y"))break L29;
break L28;
}
if(!z.eqb("Y"))break L27;
}
z.bra=z.c;
if(!z.ogb(G_v))break L27;
if(z.c<=z.lb)break L27;
z.sf("i");
}
z.c=z.l-v21;
let v22=z.l-z.c;
L30:{
z.ket=z.c;
a=z.fab(A_7);
if(!a)break L30;
z.bra=z.c;
if(p1>z.c)break L30;
switch(a){
case 1:z.sf("tion");break;
case 2:z.sf("ence");break;
case 3:z.sf("ance");break;
case 4:z.sf("able");break;
case 5:z.sf("ent");break;
case 6:z.sf("ize");break;
case 7:z.sf("ate");break;
case 8:z.sf("al");break;
case 9:z.sf("ful");break;
case 10:z.sf("ous");break;
case 11:z.sf("ive");break;
case 12:z.sf("ble");break;
case 13:z.sf("og");break;
case 14:
if(!z.eqb("l"))break L30;
z.sf("og");
break;
case 15:z.sf("less");break;
case 16:
if(!z.igb(G_valid_LI))break L30;
z.sd();
break;
}
}
z.c=z.l-v22;
let v23=z.l-z.c;
L31:{
z.ket=z.c;
a=z.fab(A_8);
if(!a)break L31;
z.bra=z.c;
if(p1>z.c)break L31;
switch(a){
case 1:z.sf("tion");break;
case 2:z.sf("ate");break;
case 3:z.sf("al");break;
case 4:z.sf("ic");break;
case 5:z.sd();break;
case 6:
if(p2>z.c)break L31;
z.sd();
break;
}
}
z.c=z.l-v23;
let v24=z.l-z.c;
L32:{
z.ket=z.c;
a=z.fab(A_9);
if(!a)break L32;
z.bra=z.c;
if(p2>z.c)break L32;
switch(a){
case 1:z.sd();break;
case 2:
L33:{
L34:{
if(!z.eqb("s"))break L34;
break L33;
}
if(!z.eqb("t"))break L32;
}
z.sd();
break;
}
}
z.c=z.l-v24;
let v25=z.l-z.c;
L35:{
z.ket=z.c;
a=z.fab(A_10);
if(!a)break L35;
z.bra=z.c;
switch(a){
case 1:{
L36:{
L37:{
if(p2>z.c)break L37;
break L36;
}
if(p1>z.c)break L35;
let v26=z.l-z.c;
L38:{
if(!r_shortv())break L38;
break L35;
}
z.c=z.l-v26;
}
z.sd();
}break;
case 2:
if(p2>z.c)break L35;
if(!z.eqb("l"))break L35;
z.sd();
break;
}
}
z.c=z.l-v25;
z.c=z.lb;
let v27=z.c;
L39:{
if(!Y_found)break L39;
R40:for(;;){
let v28=z.c;
L41:{
G42:for(;;){
let v29=z.c;
L43:{
z.bra=z.c;
if(!z.eq("Y"))break L43;
z.ket=z.c;
z.c=v29;
break G42;
}
z.c=v29;
if(z.c>=z.l)break L41;
z.nc();
}
z.sf("y");
continue R40;
}
z.c=v28;
break R40;
}
}
z.c=v27;
}
return z.s}
